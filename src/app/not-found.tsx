import Link from "next/link";

export const metadata = { title: "Page introuvable" };

export default function NotFoundPage() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">Page introuvable</h1>
      <p className="mt-4 text-slate-700">
        Cette page n&apos;existe pas ou plus (une alerte supprimée, un lien mal copié).
      </p>
      <p className="mt-6">
        <Link href="/admin" className="text-blue-700 underline">
          Retour au tableau de bord
        </Link>
      </p>
    </main>
  );
}
