"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../call-api";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { shellCatalogue } from "@/i18n/catalogue/shell";

/**
 * « English » on a French page, « Français » on an English one: stored on the account (PATCH /api/me/locale), so the
 * pages and e-mails follow it everywhere; the page is rendered again in place, at the same address.
 */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslator(shellCatalogue);
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const other = locale === "fr" ? "en" : "fr";

  async function switchLanguage() {
    setPending(true);
    setError(null);
    const outcome = await callApi("/api/me/locale", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ locale: other }),
    });
    setPending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    router.refresh();
  }

  return (
    <span className="inline-flex items-center gap-1">
      <button
        type="button"
        lang={other}
        title={t("switchLanguageLabel")}
        onClick={() => void switchLanguage()}
        disabled={pending}
        data-testid="language-switch"
        className="rounded px-2 py-1 text-sm whitespace-nowrap text-slate-700 underline hover:text-slate-900 disabled:opacity-60"
      >
        {t("switchLanguage")}
      </button>
      <span role="status" className="text-sm text-red-800">
        {error}
      </span>
    </span>
  );
}
