"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { PASSWORD_RESET_STATE_MESSAGES } from "@/server/shared/password-reset-states";
import { FormSubmit } from "./form-submit";
import { chosenPassword, NewPasswordFields } from "./new-password-fields";
import { postJson } from "./post-json";

type Reset = { state: "valid"; email: string } | { state: keyof typeof PASSWORD_RESET_STATE_MESSAGES };

/** Reads the link's token from the fragment, says for which address (or why it no longer works), sets the password. */
export function PasswordResetForm({ minLength }: { minLength: number }) {
  const router = useRouter();
  const token = useRef<string | null>(null);
  const [reset, setReset] = useState<Reset | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const fromLink = window.location.hash.replace(/^#/, "");
    token.current = fromLink;
    void postJson("/api/password-reset/inspect", { token: fromLink }).then((answer) =>
      setReset(answer.ok ? (answer.data as Reset) : { state: "unknown" }),
    );
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reset || reset.state !== "valid" || !token.current) return;
    const chosen = chosenPassword(new FormData(event.currentTarget));
    if ("error" in chosen) {
      setError(chosen.error);
      return;
    }
    const { password } = chosen;
    setPending(true);
    setError(null);
    const answer = await postJson("/api/password-reset/complete", { token: token.current, password });
    if (!answer.ok) {
      setPending(false);
      const state = answer.error?.details?.state;
      if (state && state in PASSWORD_RESET_STATE_MESSAGES)
        setReset({ state: state as keyof typeof PASSWORD_RESET_STATE_MESSAGES });
      else setError(answer.error?.message ?? "Le mot de passe n'a pas pu être enregistré.");
      return;
    }
    const signedIn = await signIn("credentials", { email: reset.email, password, redirect: false, callbackUrl: "/" });
    // The link is used up: clear it from the address bar and the history entry.
    window.history.replaceState(null, "", "/reinitialiser");
    router.push(signedIn && !signedIn.error ? "/" : "/login");
    router.refresh();
  }

  if (reset === null) return <p className="mt-4 text-slate-700">Vérification du lien…</p>;
  if (reset.state !== "valid")
    return (
      <div className="mt-4 space-y-4">
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-amber-900">
          {PASSWORD_RESET_STATE_MESSAGES[reset.state]}
        </p>
        <a href="/mot-de-passe-oublie" className="inline-block text-blue-800 underline">
          Demander un nouveau lien
        </a>
      </div>
    );
  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
      <p className="text-slate-700">
        Choisissez le nouveau mot de passe de votre compte <strong>{reset.email}</strong>.
      </p>
      <NewPasswordFields email={reset.email} minLength={minLength} />
      <FormSubmit error={error} pending={pending} label="Enregistrer et me connecter" pendingLabel="Enregistrement…" />
    </form>
  );
}
