"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SyncRunDTO } from "@/server/services/calendar/calendar.service";
import { OUTCOME_LABELS } from "./labels";
import { callApi } from "../call-api";

/** "Relancer la synchronisation": syncs the feed now and shows the outcome, then refreshes the page's data. */
export function SyncNowButton({ feedId }: { feedId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function syncNow() {
    setPending(true);
    setMessage(null);
    const result = await callApi<SyncRunDTO>(`/api/admin/calendar-feeds/${encodeURIComponent(feedId)}/sync`, {
      method: "POST",
    });
    setPending(false);
    if (!result.ok) {
      setMessage({ ok: false, text: result.message });
      return;
    }
    const run = result.body.data;
    const outcome = OUTCOME_LABELS[run.outcome] ?? run.outcome;
    setMessage({
      ok: run.outcome !== "failure",
      text: run.error
        ? `${outcome} : ${run.error.label}`
        : `${outcome}${run.eventCount !== null ? ` (${run.eventCount} périodes importées)` : ""}`,
    });
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void syncNow()}
        disabled={pending}
        className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Synchronisation…" : "Relancer la synchronisation"}
      </button>
      <span role="status" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </span>
    </div>
  );
}
