import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { getConfig } from "@/server/config";

export const metadata = { title: "Connexion" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">Connexion</h1>
      <p className="mt-2 text-sm text-slate-600">Équipe support, ou hôte pour gérer vos calendriers.</p>
      <LoginForm
        callbackUrl={safeCallbackPath(params.callbackUrl, getConfig().auth.url)}
        initialError={typeof params.error === "string"}
      />
      <a href="/mot-de-passe-oublie" className="mt-4 text-sm text-blue-800 underline">
        Mot de passe oublié ?
      </a>
    </main>
  );
}
