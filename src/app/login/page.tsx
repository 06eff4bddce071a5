import { LoginForm } from "@/components/auth/login-form";
import { CompanySignInButton } from "@/components/auth/company-sign-in-button";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { getConfig } from "@/server/config";

export const metadata = { title: "Connexion" };

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
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">Connexion</h1>
      <p className="mt-2 text-sm text-slate-600">Équipe support, ou hôte pour gérer vos calendriers.</p>
      {oidc && (
        <div className="mt-6 space-y-2">
          <CompanySignInButton label={oidc.label} callbackUrl={callbackUrl} />
          <p className="text-sm text-slate-600">
            {oidc.only
              ? "Le support et les administrateurs se connectent ainsi ; les hôtes, avec leur mot de passe ci-dessous."
              : "Pour le support et les administrateurs."}
          </p>
          {error && PROVIDER_ERRORS.has(error) && (
            <p role="alert" className="text-sm text-red-800">
              La connexion avec {oidc.label} n&apos;a pas abouti. Réessayez.
            </p>
          )}
        </div>
      )}
      <LoginForm callbackUrl={callbackUrl} initialError={error !== null && !PROVIDER_ERRORS.has(error)} />
      <a href="/mot-de-passe-oublie" className="mt-4 text-sm text-blue-800 underline">
        Mot de passe oublié ?
      </a>
    </main>
  );
}
