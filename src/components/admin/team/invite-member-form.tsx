"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "../../call-api";

/** « Inviter un membre »: a new support or admin account; the person gets a single-use link by e-mail. */
export function InviteMemberForm({ companySignIn }: { companySignIn: string | null }) {
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const body = {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      role: data.get("role"),
    };
    setPending(true);
    setMessage(null);
    const outcome = await callApi<{ email: string }>("/api/admin/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setPending(false);
    if (!outcome.ok) return setMessage({ error: true, text: outcome.message });
    form.reset();
    setMessage({ error: false, text: `Invitation envoyée à ${outcome.body.data.email}.` });
    router.refresh();
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Inviter un membre
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        La personne reçoit un lien à usage unique, valable 72 heures, pour choisir son mot de passe
        {companySignIn ? `, ou se connecte directement avec ${companySignIn}` : ""}.
      </p>
      <form
        className="mt-3 flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label className="grid gap-1">
          Nom
          <input name="name" required maxLength={200} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="grid gap-1">
          E-mail
          <input
            name="email"
            type="email"
            required
            maxLength={320}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="grid gap-1">
          Rôle
          <select name="role" defaultValue="support" className="rounded border border-slate-300 px-2 py-1">
            <option value="support">Support</option>
            <option value="admin">Administrateur</option>
          </select>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          Inviter
        </button>
        <span role="status" className={message?.error ? "text-red-800" : "text-emerald-800"}>
          {message?.text ?? ""}
        </span>
      </form>
    </section>
  );
}
