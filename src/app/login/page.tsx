import { LoginForm } from "@/components/auth/login-form";
import { CompanySignInButton } from "@/components/auth/company-sign-in-button";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { getConfig } from "@/server/config";
import { pageTranslator } from "@/server/auth/page-locale";
import { authCatalogue } from "@/i18n/catalogue/auth";

export async function generateMetadata() {
  return { title: (await pageTranslator(authCatalogue))("signInTitle") };
}

// next-auth's own error codes when the company's provider could not complete a sign-in.
const PROVIDER_ERRORS = new Set(["OAuthSignin", "OAuthCallback", "OAuthAccountNotLinked", "Callback", "AccessDenied"]);

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { oidc, auth } = getConfig();
  const callbackUrl = safeCallbackPath(params.callbackUrl, auth.url);
  const error = typeof params.error === "string" ? params.error : null;
  const t = await pageTranslator(authCatalogue);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">{t("signInTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("signInIntro")}</p>
      {oidc && (
        <div className="mt-6 space-y-2">
          <CompanySignInButton label={oidc.label} callbackUrl={callbackUrl} />
          <p className="text-sm text-slate-600">{oidc.only ? t("companyOnlyHint") : t("companyHint")}</p>
          {error && PROVIDER_ERRORS.has(error) && (
            <p role="alert" className="text-sm text-red-800">
              {t("companyFailed", { provider: oidc.label })}
            </p>
          )}
        </div>
      )}
      <LoginForm callbackUrl={callbackUrl} initialError={error !== null && !PROVIDER_ERRORS.has(error)} />
      <a href="/mot-de-passe-oublie" className="mt-4 text-sm text-blue-800 underline">
        {t("forgotten")}
      </a>
    </main>
  );
}
