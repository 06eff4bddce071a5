"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

/** « Envoyer » (none sent yet) or « Renvoyer l'avis à l'hôte »: at most once an hour; the server says when it refuses. */
export function ResendHostNoticeButton({ alertId, sent }: { alertId: string; sent: boolean }) {
  const t = useTranslator(alertsCatalogue);
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function resend() {
    setPending(true);
    setMessage(null);
    const outcome = await callApi(`/api/admin/alerts/${encodeURIComponent(alertId)}/host-notice`, { method: "POST" });
    setPending(false);
    setMessage(outcome.ok ? { ok: true, text: t("noticeSent") } : { ok: false, text: outcome.message });
    if (outcome.ok) router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void resend()}
        disabled={pending}
        className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? t("sending") : sent ? t("resendNotice") : t("sendNotice")}
      </button>
      <span role="status" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-800"}`}>
        {message?.text}
      </span>
    </div>
  );
}
