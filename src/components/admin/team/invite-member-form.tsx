"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { callApi } from "../../call-api";
import { useTranslator } from "@/i18n/locale-context";
import { teamCatalogue } from "@/i18n/catalogue/team";

/** « Inviter un membre »: a new support or admin account; the person gets a single-use link by e-mail. */
export function InviteMemberForm({ companySignIn }: { companySignIn: string | null }) {
  const t = useTranslator(teamCatalogue);
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
    setMessage({ error: false, text: t("invitationSentTo", { email: outcome.body.data.email }) });
    router.refresh();
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t("inviteTitle")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        {companySignIn ? t("inviteIntroCompany", { provider: companySignIn }) : t("inviteIntro")}
      </p>
      <form
        className="mt-3 flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label className="grid gap-1">
          {t("name")}
          <input name="name" required maxLength={200} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="grid gap-1">
          {t("email")}
          <input
            name="email"
            type="email"
            required
            maxLength={320}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="grid gap-1">
          {t("role")}
          <select name="role" defaultValue="support" className="rounded border border-slate-300 px-2 py-1">
            <option value="support">{t("role.support")}</option>
            <option value="admin">{t("role.admin")}</option>
          </select>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {t("invite")}
        </button>
        <span role="status" className={message?.error ? "text-red-800" : "text-emerald-800"}>
          {message?.text ?? ""}
        </span>
      </form>
    </section>
  );
}
