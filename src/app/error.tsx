"use client";

// Shown instead of a bare 500 when a page cannot be rendered: most often the database not answering.
import { useTranslator } from "@/i18n/locale-context";
import { shellCatalogue } from "@/i18n/catalogue/shell";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslator(shellCatalogue);
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("unavailableTitle")}</h1>
      <p className="mt-4 text-slate-700">{t("unavailableText")}</p>
      {error.digest && <p className="mt-2 text-sm text-slate-500">{t("reference", { digest: error.digest })}</p>}
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
      >
        {t("retry")}
      </button>
    </main>
  );
}
