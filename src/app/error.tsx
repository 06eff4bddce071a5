"use client";

// Shown instead of a bare 500 when a page cannot be rendered: most often the database not answering.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">Service momentanément indisponible</h1>
      <p className="mt-4 text-slate-700">
        La page n&apos;a pas pu être affichée. Réessayez dans quelques instants ; si le problème persiste, prévenez
        l&apos;équipe technique.
      </p>
      {error.digest && <p className="mt-2 text-sm text-slate-500">Référence : {error.digest}</p>}
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
      >
        Réessayer
      </button>
    </main>
  );
}
