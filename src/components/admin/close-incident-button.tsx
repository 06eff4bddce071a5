"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../call-api";

/** « Clore l'incident »: a second click confirms; the breaker closes and the provider's feeds are synced again. */
export function CloseIncidentButton({ incidentId, provider }: { incidentId: string; provider: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function close() {
    setPending(true);
    setError(null);
    const outcome = await callApi(`/api/admin/incidents/${encodeURIComponent(incidentId)}/resolve`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    setPending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setConfirming(false);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800">
          Clore l&apos;incident
        </button>
      ) : (
        <>
          <span className="text-sm">Les calendriers de {provider} seront de nouveau synchronisés.</span>
          <button type="button" onClick={() => void close()} disabled={pending} className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
            {pending ? "Clôture…" : "Confirmer la clôture"}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="rounded px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
            Annuler
          </button>
        </>
      )}
      <span role="status" className="text-sm text-red-800">
        {error}
      </span>
    </div>
  );
}
