import Link from "next/link";

// Rendered by forbidden() with status 403: on /acces-refuse, where the back-office sends a signed-in user without the role.
export default function AccessDenied() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">Accès refusé</h1>
      <p className="mt-4 text-slate-700">
        Votre compte n&apos;a pas accès au back-office support. Si vous pensez qu&apos;il s&apos;agit d&apos;une erreur,
        contactez un administrateur.
      </p>
      <p className="mt-6 flex gap-4">
        <Link href="/hote/calendriers" className="text-blue-700 underline">
          Mes calendriers (hôtes)
        </Link>
        <Link href="/api/auth/signout" className="text-blue-700 underline">
          Se déconnecter
        </Link>
      </p>
    </main>
  );
}
