"use client";

import { useState, type FormEvent } from "react";
import { FormSubmit } from "./form-submit";
import { useTranslator } from "@/i18n/locale-context";
import { authCatalogue } from "@/i18n/catalogue/auth";

/** « Mot de passe oublié »: the address, and the same answer whatever it is. */
export function PasswordResetRequestForm() {
  const t = useTranslator(authCatalogue);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!email) {
      setError(t("emailMissing"));
      return;
    }
    setPending(true);
    setError(null);
    const response = await fetch("/api/password-reset", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    }).catch(() => null);
    setPending(false);
    if (response?.ok) {
      setSent(true);
      return;
    }
    const json = await response?.json().catch(() => null);
    setError(json?.error?.message ?? t("serviceDown"));
  }

  if (sent)
    return (
      <p role="status" className="mt-4 rounded bg-emerald-50 px-3 py-2 text-emerald-900">
        {t("resetSent")}
      </p>
    );
  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2"
        />
      </div>
      <FormSubmit error={error} pending={pending} label={t("getLink")} pendingLabel={t("sending")} />
    </form>
  );
}
