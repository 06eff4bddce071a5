"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { PASSWORD_RESET_STATE_MESSAGES } from "@/server/shared/password-reset-states";
import { FormSubmit } from "./form-submit";

type Reset = { state: "valid"; email: string } | { state: keyof typeof PASSWORD_RESET_STATE_MESSAGES };

async function post(
  path: string,
  body: unknown,
): Promise<{ ok: boolean; data?: unknown; error?: { message: string; details?: { state?: string } } }> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  const json = await response?.json().catch(() => ({}));
  return response?.ok
    ? { ok: true, data: json.data }
    : { ok: false, error: json?.error ?? { message: "Le service ne répond pas. Réessayez dans un instant." } };
}

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
    void post("/api/password-reset/inspect", { token: fromLink }).then((answer) =>
      setReset(answer.ok ? (answer.data as Reset) : { state: "unknown" }),
    );
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reset || reset.state !== "valid" || !token.current) return;
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirmation") ?? "")) {
      setError("Les deux mots de passe ne sont pas identiques.");
      return;
    }
    setPending(true);
    setError(null);
    const answer = await post("/api/password-reset/complete", { token: token.current, password });
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
      <input type="email" name="username" autoComplete="username" value={reset.email} readOnly hidden />
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Nouveau mot de passe
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
          Au moins {minLength} caractères, sans votre adresse e-mail ni votre nom.
        </p>
      </div>
      <div>
        <label htmlFor="confirmation" className="block text-sm font-medium">
          Confirmer le mot de passe
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
      <FormSubmit error={error} pending={pending} label="Enregistrer et me connecter" pendingLabel="Enregistrement…" />
    </form>
  );
}
