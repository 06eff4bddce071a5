"use client";

import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { hostCatalogue } from "@/i18n/catalogue/host";

/** « Copier » the link (the clipboard, or the text selected when the browser refuses) and « Régénérer » it. */
export function ExportLinkActions({
  listingId,
  linkId,
  url,
  destinationLabel,
}: {
  listingId: string;
  linkId: string;
  url: string;
  destinationLabel: string;
}) {
  const t = useTranslator(hostCatalogue);
  const { pending, error, run } = useApiAction();
  const [message, setMessage] = useState<string | null>(null);
  const inputId = `export-link-${linkId}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setMessage(t("linkCopied"));
    } catch {
      const input = document.getElementById(inputId) as HTMLInputElement | null;
      input?.select();
      setMessage(t("linkSelected"));
    }
  }

  async function rotate() {
    if (!window.confirm(t("confirmRotate", { destination: destinationLabel }))) return;
    setMessage(null);
    const done = await run(
      `/api/listings/${encodeURIComponent(listingId)}/export-links/${encodeURIComponent(linkId)}/rotate`,
      { method: "POST" },
    );
    if (done) setMessage(t("rotated"));
  }

  return (
    <div className="space-y-2">
      <label htmlFor={inputId} className="sr-only">
        {t("exportLinkLabel", { destination: destinationLabel })}
      </label>
      <input
        id={inputId}
        readOnly
        value={url}
        data-testid="export-link-url"
        onFocus={(event) => event.currentTarget.select()}
        className="w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800"
      />
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("copyLink", { destination: destinationLabel })}
        </button>
        <button
          type="button"
          onClick={() => void rotate()}
          disabled={pending}
          className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
        >
          {pending ? t("rotating") : t("rotateLink", { destination: destinationLabel })}
        </button>
        <span role="status" className={`text-sm ${error ? "text-red-800" : "text-emerald-800"}`}>
          {error ?? message}
        </span>
      </div>
    </div>
  );
}
