"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { AlertDTO } from "@/server/services/alerts/alerts.service";
import { callApi } from "../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

interface Props {
  alertId: string;
  listingTitle: string;
  onResolved?: (alert: AlertDTO) => void;
}

/**
 * "Résoudre": asks for confirmation and an optional note, then PATCHes the alert. The dialog exists only while
 * open: a list of fifty alerts does not carry fifty hidden dialogs in its HTML.
 */
export function ResolveAlertButton({ alertId, listingTitle, onResolved }: Props) {
  const t = useTranslator(alertsCatalogue);
  const dialog = useRef<HTMLDialogElement>(null);
  const noteId = useId();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);

  async function confirm(form: HTMLFormElement) {
    setPending(true);
    setError(null);
    const note = String(new FormData(form).get("note") ?? "").trim();
    const outcome = await callApi<AlertDTO>(`/api/admin/alerts/${encodeURIComponent(alertId)}/resolve`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(note ? { note } : {}),
    });
    setPending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    dialog.current?.close();
    onResolved?.(outcome.body.data);
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
      >
        {t("resolve")}
      </button>
      {open && (
        <dialog
          ref={dialog}
          onClose={() => setOpen(false)}
          aria-labelledby={`${noteId}-title`}
          className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
        >
          <form
            method="dialog"
            onSubmit={(event) => {
              event.preventDefault();
              void confirm(event.currentTarget);
            }}
            className="space-y-4 p-5"
          >
            <h2 id={`${noteId}-title`} className="text-lg font-semibold">
              {t("resolveTitle")}
            </h2>
            <p className="text-sm text-slate-700">{t("resolveConfirmText", { title: listingTitle })}</p>
            <div>
              <label htmlFor={noteId} className="block text-sm font-medium">
                {t("resolutionNote")}
              </label>
              <textarea
                id={noteId}
                name="note"
                rows={3}
                maxLength={2000}
                className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
              />
            </div>
            {error && (
              <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <button
                type="button"
                onClick={() => dialog.current?.close()}
                className="rounded px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50"
              >
                {t("cancel")}
              </button>
              <button
                type="submit"
                disabled={pending}
                className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
              >
                {pending ? t("resolving") : t("confirmResolve")}
              </button>
            </div>
          </form>
        </dialog>
      )}
    </>
  );
}
