"use client";

import { useTranslator } from "@/i18n/locale-context";
import { authCatalogue } from "@/i18n/catalogue/auth";
import type { Translate } from "@/i18n/translator";

/** « Nouveau mot de passe » and its confirmation, with the rule: the invitation's and the reset's forms alike. */
export function NewPasswordFields({ email, minLength }: { email: string; minLength: number }) {
  const t = useTranslator(authCatalogue);
  return (
    <>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("newPassword")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          aria-describedby="password-rule"
          className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2"
        />
        <p id="password-rule" className="mt-1 text-sm text-slate-600">
          {t("passwordRule", { min: minLength })}
        </p>
      </div>
      <div>
        <label htmlFor="confirmation" className="block text-sm font-medium">
          {t("confirmPassword")}
        </label>
        <input
          id="confirmation"
          name="confirmation"
          type="password"
          autoComplete="new-password"
          required
          className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2"
        />
      </div>
    </>
  );
}

/** The two fields' values, or the message when they differ. */
export function chosenPassword(
  form: FormData,
  t: Translate<keyof typeof authCatalogue.fr>,
): { password: string } | { error: string } {
  const password = String(form.get("password") ?? "");
  return password === String(form.get("confirmation") ?? "") ? { password } : { error: t("passwordsDiffer") };
}
