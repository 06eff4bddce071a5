"use client";

import { PASSWORD_RESET_STATE_MESSAGES } from "@/server/shared/password-reset-states";
import { FormSubmit } from "./form-submit";
import { NewPasswordFields } from "./new-password-fields";
import { useSingleUseLink } from "./use-single-use-link";
import { useTranslator } from "@/i18n/locale-context";
import { authCatalogue } from "@/i18n/catalogue/auth";

type Reset = { state: "valid"; email: string } | { state: keyof typeof PASSWORD_RESET_STATE_MESSAGES };

/** Reads the link's token from the fragment, says for which address (or why it no longer works), sets the password. */
export function PasswordResetForm({ minLength }: { minLength: number }) {
  const t = useTranslator(authCatalogue);
  const {
    link: reset,
    error,
    pending,
    choosePassword,
  } = useSingleUseLink<Extract<Reset, { state: "valid" }>, keyof typeof PASSWORD_RESET_STATE_MESSAGES>({
    inspectPath: "/api/password-reset/inspect",
    completePath: "/api/password-reset/complete",
    pagePath: "/reinitialiser",
    deadStates: PASSWORD_RESET_STATE_MESSAGES,
  });

  if (reset === null) return <p className="mt-4 text-slate-700">{t("checkingLink")}</p>;
  if (reset.state !== "valid")
    return (
      <div className="mt-4 space-y-4">
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-amber-900">
          {t(`reset.${reset.state}`)}
        </p>
        <a href="/mot-de-passe-oublie" className="inline-block text-blue-800 underline">
          {t("askNewLink")}
        </a>
      </div>
    );
  return (
    <form onSubmit={(event) => void choosePassword(event, "/")} className="mt-4 space-y-4" noValidate>
      <p className="text-slate-700">{t("resetChoose", { email: reset.email })}</p>
      <NewPasswordFields email={reset.email} minLength={minLength} />
      <FormSubmit error={error} pending={pending} label={t("saveAndSignIn")} pendingLabel={t("saving")} />
    </form>
  );
}
