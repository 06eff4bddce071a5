"use client";

import { useState } from "react";
import { INVITATION_STATE_MESSAGES } from "@/server/shared/invitation-states";
import { FormSubmit } from "./form-submit";
import { NewPasswordFields } from "./new-password-fields";
import { useSingleUseLink } from "./use-single-use-link";
import { postJson } from "./post-json";
import { CompanySignInButton } from "./company-sign-in-button";
import { useTranslator } from "@/i18n/locale-context";
import { authCatalogue } from "@/i18n/catalogue/auth";

type Invitation =
  | { state: "valid"; name: string; email: string; role: "host" | "support" | "admin" }
  | { state: "used" | "expired" | "replaced" | "unknown" };

const STATE_MESSAGES = INVITATION_STATE_MESSAGES;

/** Reads the link's token from the fragment, says who it is for (or why it no longer works), and sets the password. */
export function InvitationForm({
  minLength,
  company,
}: {
  minLength: number;
  /** The company's provider, when configured: staff may sign in with it instead (and must, under OIDC_ONLY). */
  company: { label: string; only: boolean } | null;
}) {
  const t = useTranslator(authCatalogue);
  const {
    link: invitation,
    token,
    error,
    pending,
    setPending,
    choosePassword,
  } = useSingleUseLink<Extract<Invitation, { state: "valid" }>, keyof typeof STATE_MESSAGES>({
    inspectPath: "/api/invitations/inspect",
    completePath: "/api/invitations/accept",
    pagePath: "/invitation",
    deadStates: STATE_MESSAGES,
  });
  const [renewed, setRenewed] = useState(false);

  if (invitation === null) return <p className="mt-4 text-slate-700">{t("checkingLink")}</p>;
  if (invitation.state !== "valid") {
    return (
      <div className="mt-4 space-y-4">
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-amber-900">
          {t(`invitation.${invitation.state}`)}
        </p>
        {(invitation.state === "expired" || invitation.state === "replaced") &&
          (renewed ? (
            <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-emerald-900">
              {t("invitationRenewed")}
            </p>
          ) : (
            <button
              type="button"
              disabled={pending}
              onClick={() => {
                setPending(true);
                void postJson("/api/invitations/renew", { token: token.current }).then(() => {
                  setPending(false);
                  setRenewed(true);
                });
              }}
              className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
            >
              {t("invitationRenew")}
            </button>
          ))}
        <a href="/login" className="inline-block text-blue-800 underline">
          {t("goToSignIn")}
        </a>
      </div>
    );
  }
  const staffCompany = invitation.role !== "host" ? company : null;
  if (staffCompany?.only)
    return (
      <div className="mt-4 space-y-4">
        <p className="text-slate-700">
          {t("invitationCompanyOnly", {
            name: invitation.name,
            email: invitation.email,
            provider: staffCompany.label,
          })}
        </p>
        <CompanySignInButton label={staffCompany.label} callbackUrl="/admin" />
      </div>
    );
  return (
    <form
      onSubmit={(event) => void choosePassword(event, invitation.role === "host" ? "/hote/calendriers" : "/admin")}
      className="mt-4 space-y-4"
      noValidate
    >
      {staffCompany && (
        <div className="space-y-2">
          <CompanySignInButton label={staffCompany.label} callbackUrl="/admin" />
          <p className="text-sm text-slate-600">{t("orChoosePassword")}</p>
        </div>
      )}
      <p className="text-slate-700">{t("invitationChoose", { name: invitation.name, email: invitation.email })}</p>
      <NewPasswordFields email={invitation.email} minLength={minLength} />
      <FormSubmit error={error} pending={pending} label={t("saveAndSignIn")} pendingLabel={t("saving")} />
    </form>
  );
}
