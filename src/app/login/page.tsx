import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Connexion" };

function safeCallback(value: string | string[] | undefined): string {
  const candidate = typeof value === "string" ? value : "/admin";
  // Only same-site paths: an absolute URL here would make the login page an open redirect.
  return candidate.startsWith("/") && !candidate.startsWith("//") ? candidate : "/admin";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">Connexion au back-office</h1>
      <p className="mt-2 text-sm text-slate-600">Réservé à l&apos;équipe support.</p>
      <LoginForm callbackUrl={safeCallback(params.callbackUrl)} initialError={typeof params.error === "string"} />
    </main>
  );
}
