"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { hostCatalogue } from "@/i18n/catalogue/host";

/** « Synchroniser maintenant » (once a minute, the server says when not) and « Supprimer » for one feed. */
export function FeedButtons({ listingId, feedId, label }: { listingId: string; feedId: string; label: string }) {
  const t = useTranslator(hostCatalogue);
  const router = useRouter();
  const [pending, setPending] = useState<"sync" | "remove" | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const path = `/api/listings/${encodeURIComponent(listingId)}/calendar-feeds/${encodeURIComponent(feedId)}`;

  async function call(kind: "sync" | "remove") {
    if (kind === "remove" && !window.confirm(t("confirmRemove", { label }))) return;
    setPending(kind);
    setMessage(null);
    const outcome = await callApi<{ outcome?: string }>(kind === "sync" ? `${path}/sync` : path, {
      method: kind === "sync" ? "POST" : "DELETE",
    });
    setPending(null);
    if (!outcome.ok) {
      setMessage({ ok: false, text: outcome.message });
      return;
    }
    const failed = outcome.body.data.outcome === "failure";
    if (kind === "sync") setMessage({ ok: !failed, text: failed ? t("syncFailed") : t("synced") });
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void call("sync")}
        disabled={pending !== null}
        className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending === "sync" ? t("syncing") : t("syncNow")}
      </button>
      <button
        type="button"
        onClick={() => void call("remove")}
        disabled={pending !== null}
        className="rounded px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-60"
      >
        {t("remove")}
      </button>
      <span role="status" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </span>
    </div>
  );
}
