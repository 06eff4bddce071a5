import { pageTranslator } from "@/server/auth/page-locale";
import { authCatalogue } from "@/i18n/catalogue/auth";
import { PasswordResetForm } from "@/components/auth/password-reset-form";
import { CHOSEN_PASSWORD_MIN_LENGTH } from "@/server/services/users/users.service";

export async function generateMetadata() {
  return { title: (await pageTranslator(authCatalogue))("resetTitle") };
}

// The link's token is in its fragment (#…): the browser never sends it to a server, so it is in no log; the form reads it.
export default async function PasswordResetPage() {
  const t = await pageTranslator(authCatalogue);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">{t("resetTitle")}</h1>
      <PasswordResetForm minLength={CHOSEN_PASSWORD_MIN_LENGTH} />
    </main>
  );
}
