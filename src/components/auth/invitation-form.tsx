"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { INVITATION_STATE_MESSAGES } from "@/server/shared/invitation-states";
import { FormSubmit } from "./form-submit";
import { chosenPassword, NewPasswordFields } from "./new-password-fields";
import { postJson } from "./post-json";
import { CompanySignInButton } from "./company-sign-in-button";

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
  const router = useRouter();
  const token = useRef<string | null>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [renewed, setRenewed] = useState(false);

  useEffect(() => {
    const fromLink = window.location.hash.replace(/^#/, "");
    token.current = fromLink;
    void postJson("/api/invitations/inspect", { token: fromLink }).then((answer) =>
      setInvitation(answer.ok ? (answer.data as Invitation) : { state: "unknown" }),
    );
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!invitation || invitation.state !== "valid" || !token.current) return;
    const chosen = chosenPassword(new FormData(event.currentTarget));
    if ("error" in chosen) {
      setError(chosen.error);
      return;
    }
    const { password } = chosen;
    setPending(true);
    setError(null);
    const answer = await postJson("/api/invitations/accept", { token: token.current, password });
    if (!answer.ok) {
      setPending(false);
      const state = answer.error?.details?.state;
      if (state && state in STATE_MESSAGES) setInvitation({ state: state as Exclude<Invitation["state"], "valid"> });
      else setError(answer.error?.message ?? "Le mot de passe n'a pas pu être enregistré.");
      return;
    }
    const callbackUrl = invitation.role === "host" ? "/hote/calendriers" : "/admin";
    const signedIn = await signIn("credentials", { email: invitation.email, password, redirect: false, callbackUrl });
    // The link is used up: clear it from the address bar and the history entry.
    window.history.replaceState(null, "", "/invitation");
    router.push(signedIn && !signedIn.error ? callbackUrl : "/login");
    router.refresh();
  }

  if (invitation === null) return <p className="mt-4 text-slate-700">Vérification du lien…</p>;
  if (invitation.state !== "valid") {
    return (
      <div className="mt-4 space-y-4">
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-amber-900">
          {STATE_MESSAGES[invitation.state]}
        </p>
        {(invitation.state === "expired" || invitation.state === "replaced") &&
          (renewed ? (
            <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-emerald-900">
              Si ce lien vous était destiné, un nouveau vient de partir vers votre adresse e-mail.
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
              Recevoir un nouveau lien
            </button>
          ))}
        <a href="/login" className="inline-block text-blue-800 underline">
          Aller à la connexion
        </a>
      </div>
    );
  }
  const staffCompany = invitation.role !== "host" ? company : null;
  if (staffCompany?.only)
    return (
      <div className="mt-4 space-y-4">
        <p className="text-slate-700">
          Bonjour {invitation.name}, votre compte <strong>{invitation.email}</strong> vous attend : connectez-vous avec{" "}
          {staffCompany.label}.
        </p>
        <CompanySignInButton label={staffCompany.label} callbackUrl="/admin" />
      </div>
    );
  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
      {staffCompany && (
        <div className="space-y-2">
          <CompanySignInButton label={staffCompany.label} callbackUrl="/admin" />
          <p className="text-sm text-slate-600">Ou choisissez un mot de passe :</p>
        </div>
      )}
      <p className="text-slate-700">
        Bonjour {invitation.name}, choisissez le mot de passe de votre compte <strong>{invitation.email}</strong>.
      </p>
      <NewPasswordFields email={invitation.email} minLength={minLength} />
      <FormSubmit error={error} pending={pending} label="Enregistrer et me connecter" pendingLabel="Enregistrement…" />
    </form>
  );
}
