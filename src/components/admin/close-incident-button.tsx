"use client";

import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { incidentsCatalogue } from "@/i18n/catalogue/incidents";

/** « Clore l'incident »: a second click confirms; the breaker closes and the provider's feeds are synced again. */
export function CloseIncidentButton({ incidentId, provider }: { incidentId: string; provider: string }) {
  const t = useTranslator(incidentsCatalogue);
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useApiAction();

  async function close() {
    const closed = await run(`/api/admin/incidents/${encodeURIComponent(incidentId)}/resolve`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (closed) setConfirming(false);
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {!confirming ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800"
        >
          {t("close")}
        </button>
      ) : (
        <>
          <span className="text-sm">{t("closeConfirmText", { provider })}</span>
          <button
            type="button"
            onClick={() => void close()}
            disabled={pending}
            className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
          >
            {pending ? t("closing") : t("confirmClose")}
          </button>
          <button
            type="button"
            onClick={() => setConfirming(false)}
            className="rounded px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            {t("cancel")}
          </button>
        </>
      )}
      <span role="status" className="text-sm text-red-800">
        {error}
      </span>
    </div>
  );
}
