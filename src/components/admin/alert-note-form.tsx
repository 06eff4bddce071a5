"use client";

import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

const MAX_NOTE = 2000;

/** A note on the alert's timeline: what was tried, who was called. */
export function AlertNoteForm({ alertId }: { alertId: string }) {
  const t = useTranslator(alertsCatalogue);
  const { pending, error, run } = useApiAction();
  const [text, setText] = useState("");
  return (
    <form
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const added = await run(`/api/admin/alerts/${encodeURIComponent(alertId)}/notes`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text }),
        });
        if (added) setText("");
      }}
    >
      <label htmlFor={`note-${alertId}`} className="block text-sm font-medium">
        {t("addNote")}
      </label>
      <textarea
        id={`note-${alertId}`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        maxLength={MAX_NOTE}
        rows={3}
        required
        className="w-full rounded border border-slate-300 p-2 text-sm"
      />
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending || text.trim() === ""}
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {pending ? t("saving") : t("saveNote")}
        </button>
        <span className="text-xs text-slate-600">
          {text.length} / {MAX_NOTE}
        </span>
      </div>
      <p role="status" className="text-sm text-red-800">
        {error}
      </p>
    </form>
  );
}
