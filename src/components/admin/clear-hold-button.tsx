"use client";

import { useApiAction } from "../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

/** « Lever l'attente » (admins): the provider's feeds are fetched again at its next claim. */
export function ClearHoldButton({ provider }: { provider: string }) {
  const t = useTranslator(alertsCatalogue);
  const { pending, error, run } = useApiAction();
  const clear = () =>
    run("/api/admin/provider-holds", {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider }),
    });

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() => void clear()}
        disabled={pending}
        className="rounded px-2 py-1 text-xs font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "…" : t("clearHold")}
      </button>
      <span role="status" className="text-xs text-red-800">
        {error}
      </span>
    </span>
  );
}
