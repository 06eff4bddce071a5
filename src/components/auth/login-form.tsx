"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormSubmit } from "./form-submit";
import { SECOND_FACTOR_REQUIRED } from "@/server/shared/second-factor";
import { useTranslator } from "@/i18n/locale-context";
import { authCatalogue } from "@/i18n/catalogue/auth";

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: boolean }) {
  const t = useTranslator(authCatalogue);
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? t("badCredentials") : null);
  const [pending, setPending] = useState(false);
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      ...(askCode ? { code: String(form.get("code") ?? "") } : {}),
      redirect: false,
      callbackUrl,
    });
    setPending(false);
    if (result?.error === SECOND_FACTOR_REQUIRED) {
      setAskCode(true);
      return;
    }
    if (!result || result.error) {
      // next-auth passes on the message of a refusal thrown by the server (lockout, outage); a plain wrong password is "CredentialsSignin".
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : t("badCredentials"));
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
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
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2"
        />
      </div>
      {askCode && (
        <div>
          <label htmlFor="code" className="block text-sm font-medium">
            {t("code")}
          </label>
          <p id="code-hint" className="text-sm text-slate-600">
            {t("codeHint")}
          </p>
          <input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            aria-describedby="code-hint"
            required
            autoFocus
            maxLength={40}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2"
          />
        </div>
      )}
      <FormSubmit error={error} pending={pending} label={t("signIn")} pendingLabel={t("signingIn")} />
    </form>
  );
}
