"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { hostCatalogue } from "@/i18n/catalogue/host";

type Mode = { kind: "add"; listingId: string } | { kind: "replace"; listingId: string; feedId: string };

/**
 * Adds a calendar link, or replaces a feed's link. The server checks the link right away: a link the host must
 * fix is refused with the reason, a link whose platform fails for now is kept with a warning.
 */
export function FeedLinkForm({ mode }: { mode: Mode }) {
  const t = useTranslator(hostCatalogue);
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = mode.kind === "add" ? `add-${mode.listingId}` : `replace-${mode.feedId}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setMessage(null);
    const base = `/api/listings/${encodeURIComponent(mode.listingId)}/calendar-feeds`;
    const url = String(form.get("url") ?? "");
    const outcome = await callApi(mode.kind === "add" ? base : `${base}/${encodeURIComponent(mode.feedId)}`, {
      method: mode.kind === "add" ? "POST" : "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(mode.kind === "add" ? { provider: String(form.get("label") ?? ""), url } : { url }),
    });
    setPending(false);
    if (!outcome.ok) {
      setMessage({ ok: false, text: outcome.message });
      return;
    }
    const linkCheck = outcome.body.meta?.linkCheck as { verdict: string; message: string } | undefined;
    setMessage({ ok: linkCheck?.verdict === "works", text: linkCheck?.message ?? t("saved") });
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="mt-2 space-y-2" noValidate>
      {mode.kind === "add" && (
        <div>
          <label htmlFor={`${id}-label`} className="block text-sm font-medium">
            {t("feedLabel")}
          </label>
          <input
            id={`${id}-label`}
            name="label"
            required
            maxLength={60}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
          />
        </div>
      )}
      <div>
        <label htmlFor={`${id}-url`} className="block text-sm font-medium">
          {mode.kind === "add" ? t("feedUrl") : t("newFeedUrl")}
        </label>
        <input
          id={`${id}-url`}
          name="url"
          type="url"
          required
          inputMode="url"
          className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? t("checkingLink") : mode.kind === "add" ? t("addFeed") : t("replaceLink")}
      </button>
      <p role="status" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </p>
    </form>
  );
}
