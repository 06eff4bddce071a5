import { PasswordResetRequestForm } from "@/components/auth/password-reset-request-form";
import { pageTranslator } from "@/server/auth/page-locale";
import { authCatalogue } from "@/i18n/catalogue/auth";

export async function generateMetadata() {
  return { title: (await pageTranslator(authCatalogue))("forgottenTitle") };
}

export default async function ForgottenPasswordPage() {
  const t = await pageTranslator(authCatalogue);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">{t("forgottenTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("forgottenIntro")}</p>
      <PasswordResetRequestForm />
      <a href="/login" className="mt-4 text-sm text-blue-800 underline">
        {t("backToSignIn")}
      </a>
    </main>
  );
}
