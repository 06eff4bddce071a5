"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SyncRunDTO } from "@/server/services/calendar/calendar.service";
import { outcomeLabel } from "./labels";
import { useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import { callApi } from "../call-api";

/** "Relancer la synchronisation": syncs the feed now and shows the outcome, then refreshes the page's data. */
export function SyncNowButton({ feedId }: { feedId: string }) {
  const t = useTranslator(alertsCatalogue);
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
    const outcome = outcomeLabel(run.outcome, t);
    setMessage({
      ok: run.outcome !== "failure",
      text: run.error
        ? t("syncOutcomeError", { outcome, error: run.error.label })
        : run.eventCount !== null
          ? t("syncOutcomePeriods", { outcome, count: run.eventCount })
          : outcome,
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
        {pending ? t("syncing") : t("syncAgain")}
      </button>
      <span role="status" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </span>
    </div>
  );
}
