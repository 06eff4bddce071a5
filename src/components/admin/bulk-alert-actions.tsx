"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../call-api";
import { platformWallClock } from "@/server/shared/platform-time";
import { formatMessage } from "@/server/shared/messages";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

export const BULK_FORM_ID = "bulk-alerts";
const MAX = 500;

type BulkAnswer = { done: string[]; skipped: Array<{ id: string; reason: "not_found" | "already_resolved" }> };
const SKIP_WORDS = { not_found: "skip.not_found", already_resolved: "skip.already_resolved" } as const;

/** The checkbox heading the history table's column: selects or clears every alert of the page. */
export function SelectPageCheckbox() {
  const t = useTranslator(alertsCatalogue);
  return (
    <input
      type="checkbox"
      aria-label={t("selectPage")}
      onChange={(event) => {
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM_ID}"][name="ids"]`))
          box.checked = event.target.checked;
      }}
    />
  );
}

/**
 * The history page's bulk actions on the alerts checked in the table (or, ticked, up to 500 matching the filters):
 * resolve with a note, give to a colleague, or snooze. Says what was done and what was skipped.
 */
export function BulkAlertActions({
  filters,
  agents,
  matching,
}: {
  filters: Record<string, string>;
  agents: Array<{ id: string; name: string }>;
  matching: number | null;
}) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [allMatching, setAllMatching] = useState(false);
  const [note, setNote] = useState("");
  const [assignee, setAssignee] = useState("");

  async function act(action: Record<string, unknown>) {
    const form = document.getElementById(BULK_FORM_ID) as HTMLFormElement | null;
    const ids = form ? new FormData(form).getAll("ids").map(String) : [];
    if (!allMatching && ids.length === 0) return setMessage({ ok: false, text: t("tickOne") });
    setPending(true);
    setMessage(null);
    const outcome = await callApi<BulkAnswer>("/api/admin/alerts/bulk", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...action, ...(allMatching ? { filter: filters } : { ids }) }),
    });
    setPending(false);
    if (!outcome.ok) return setMessage({ ok: false, text: outcome.message });
    const { done, skipped } = outcome.body.data;
    setMessage({
      ok: true,
      text: t("bulkOutcome", {
        done: formatMessage("alertsDone", { count: done.length }, locale),
        skipped: skipped.length ? formatMessage("alertsSkipped", { count: skipped.length }, locale) : "none",
        reasons: skipped.map((skip) => t(SKIP_WORDS[skip.reason])).join(", "),
      }),
    });
    setNote("");
    router.refresh();
  }

  const button = "rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60";
  return (
    <section aria-labelledby="bulk-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="bulk-title" className="font-semibold">
        {t("bulkTitle")}
      </h2>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={allMatching} onChange={(event) => setAllMatching(event.target.checked)} />
        {t("bulkAllMatching", {
          max: MAX,
          count:
            matching === null
              ? ""
              : matching > MAX
                ? t("bulkMatchingOf", { shown: MAX, total: matching })
                : t("bulkMatchingCount", { shown: matching }),
        })}
      </label>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-700">{t("resolutionNoteShort")}</span>
          <input
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={2000}
            className="rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <button
          type="button"
          disabled={pending}
          onClick={() => void act({ action: "resolve", ...(note.trim() ? { note } : {}) })}
          className={button}
        >
          {t("resolveSelection")}
        </button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-700">{t("handToLabel")}</span>
          <select
            value={assignee}
            onChange={(event) => setAssignee(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1.5"
          >
            <option value="">{t("nobodyRelease")}</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={pending}
          onClick={() => void act({ action: "assign", userId: assignee || null })}
          className={button}
        >
          {t("handSelection")}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => void act({ action: "snooze", until: platformWallClock(new Date(), 1, 9).toISOString() })}
          className={button}
        >
          {t("snoozeTomorrow")}
        </button>
      </div>
      <p role="status" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </p>
    </section>
  );
}
