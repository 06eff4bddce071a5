"use client";

import { useState, type FormEvent } from "react";
import { useApiAction } from "../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { conflictsCatalogue } from "@/i18n/catalogue/conflicts";

/** « Pas un conflit »: a required reason, kept in the audit log; the same two stays with the same dates stay closed. */
export function DismissConflictForm({ conflictId }: { conflictId: string }) {
  const t = useTranslator(conflictsCatalogue);
  const [reason, setReason] = useState("");
  const { pending, error, run } = useApiAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(`/api/admin/booking-conflicts/${encodeURIComponent(conflictId)}/dismiss`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reason }),
    });
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
    >
      <label htmlFor="dismiss-reason" className="block text-sm font-medium">
        {t("dismissLabel")}
      </label>
      <textarea
        id="dismiss-reason"
        required
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={2}
        className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
        placeholder={t("dismissPlaceholder")}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending || reason.trim() === ""}
          className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-60"
        >
          {pending ? t("saving") : t("notAConflict")}
        </button>
        <span role="status" className="text-sm text-red-800">
          {error}
        </span>
      </div>
    </form>
  );
}
