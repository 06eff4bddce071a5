"use client";

import { useState } from "react";
import { useApiAction } from "../../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { integrationsCatalogue } from "@/i18n/catalogue/integrations";

/** « Inviter »: one e-mail with a single-use link to choose a password; a new one replaces the previous. */
export function InviteButton({ userId, name, again }: { userId: string; name: string; again: boolean }) {
  const t = useTranslator(integrationsCatalogue);
  const { pending, error, run } = useApiAction();
  const [sent, setSent] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          void run(`/api/admin/users/${encodeURIComponent(userId)}/invitation`, { method: "POST" }).then((ok) =>
            setSent(ok),
          )
        }
        className="rounded px-3 py-1.5 text-sm font-medium text-blue-800 ring-1 ring-blue-300 hover:bg-blue-50 disabled:opacity-60"
      >
        {again ? t("inviteAgain") : t("invite")} <span className="sr-only">{name}</span>
      </button>
      <span role="status" className={`text-sm ${error ? "text-red-800" : "text-emerald-800"}`}>
        {error ?? (sent ? t("invitationSent") : "")}
      </span>
    </span>
  );
}
