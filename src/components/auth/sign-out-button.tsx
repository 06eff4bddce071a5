"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { callApi } from "../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { shellCatalogue } from "@/i18n/catalogue/shell";

/** « Se déconnecter » ends this session on the server; « partout » ends every session of the account first. */
export function SignOutButton({ stacked = false }: { stacked?: boolean }) {
  const t = useTranslator(shellCatalogue);
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    setError(null);
    const outcome = await callApi("/api/me/sessions", { method: "DELETE" });
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    await signOut({ callbackUrl: "/login" });
  }

  return (
    <span className={stacked ? "flex flex-col items-start gap-1" : "inline-flex items-center gap-1"}>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/login" })}
        className="rounded px-2 py-1 text-sm text-slate-700 underline hover:text-slate-900"
      >
        {t("signOut")}
      </button>
      <button
        type="button"
        onClick={() => void signOutEverywhere()}
        className="rounded px-2 py-1 text-sm text-slate-700 underline hover:text-slate-900"
      >
        {t("signOutEverywhere")}
      </button>
      <span role="status" className="text-sm text-red-800">
        {error}
      </span>
    </span>
  );
}
