"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SyncRunDTO } from "@/server/services/calendar/sync/run-dto";
import { OUTCOME_LABELS } from "./labels";

/** "Relancer la synchronisation": syncs the feed now and shows the outcome, then refreshes the page's data. */
export function SyncNowButton({ feedId }: { feedId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function syncNow() {
    setPending(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/admin/calendar-feeds/${encodeURIComponent(feedId)}/sync`, { method: "POST" });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        setMessage({ ok: false, text: body?.error?.message ?? `Erreur ${response.status}` });
        return;
      }
      const run = body.data as SyncRunDTO;
      const outcome = OUTCOME_LABELS[run.outcome] ?? run.outcome;
      setMessage({
        ok: run.outcome !== "failure",
        text: run.error ? `${outcome} : ${run.error.label}` : `${outcome}${run.eventCount !== null ? ` (${run.eventCount} périodes importées)` : ""}`,
      });
      router.refresh();
    } catch {
      setMessage({ ok: false, text: "Le serveur est injoignable. Réessayez." });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" onClick={() => void syncNow()} disabled={pending} className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Synchronisation…" : "Relancer la synchronisation"}
      </button>
      <span role="status" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </span>
    </div>
  );
}
