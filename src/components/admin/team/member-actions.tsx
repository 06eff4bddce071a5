"use client";

import { useApiAction } from "../../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { teamCatalogue } from "@/i18n/catalogue/team";

interface Member {
  id: string;
  name: string;
  role: "support" | "admin";
  state: "active" | "invited" | "disabled";
  twoFactor: boolean;
}

const button = "rounded px-3 py-1.5 text-sm font-medium ring-1 disabled:opacity-60";

/** A member's actions in « Équipe »: role, disable or re-enable, sign out everywhere, the invitation again. */
export function MemberActions({ member, self }: { member: Member; self: boolean }) {
  const t = useTranslator(teamCatalogue);
  const { pending, error, run } = useApiAction();
  const path = `/api/admin/users/${encodeURIComponent(member.id)}`;
  const who = <span className="sr-only"> {member.name}</span>;
  if (self) return <span className="text-sm text-slate-600">{t("you")}</span>;
  return (
    <span className="flex flex-wrap items-center gap-2">
      {member.state !== "disabled" && (
        <button
          type="button"
          disabled={pending}
          className={`${button} text-slate-800 ring-slate-300 hover:bg-slate-50`}
          onClick={() =>
            void run(`${path}/role`, {
              method: "PATCH",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ role: member.role === "admin" ? "support" : "admin" }),
            })
          }
        >
          {member.role === "admin" ? t("toSupport") : t("toAdmin")}
          {who}
        </button>
      )}
      {member.state === "invited" && (
        <button
          type="button"
          disabled={pending}
          className={`${button} text-blue-800 ring-blue-300 hover:bg-blue-50`}
          onClick={() => void run(`${path}/invitation`, { method: "POST" })}
        >
          {t("inviteAgain")}
          {who}
        </button>
      )}
      {member.state === "active" && (
        <button
          type="button"
          disabled={pending}
          className={`${button} text-slate-800 ring-slate-300 hover:bg-slate-50`}
          onClick={() => void run(`${path}/sessions`, { method: "DELETE" })}
        >
          {t("signOutEverywhere")}
          {who}
        </button>
      )}
      {member.twoFactor && (
        <button
          type="button"
          disabled={pending}
          className={`${button} text-slate-800 ring-slate-300 hover:bg-slate-50`}
          onClick={() => {
            if (window.confirm(t("confirmResetTwoFactor", { name: member.name })))
              void run(`${path}/two-factor`, { method: "DELETE" });
          }}
        >
          {t("resetTwoFactor")}
          {who}
        </button>
      )}
      {member.state === "disabled" ? (
        <button
          type="button"
          disabled={pending}
          className={`${button} text-emerald-800 ring-emerald-300 hover:bg-emerald-50`}
          onClick={() => void run(`${path}/enable`, { method: "POST" })}
        >
          {t("enable")}
          {who}
        </button>
      ) : (
        <button
          type="button"
          disabled={pending}
          className={`${button} text-red-800 ring-red-300 hover:bg-red-50`}
          onClick={() => {
            if (window.confirm(t("confirmDisable", { name: member.name })))
              void run(`${path}/disable`, { method: "POST" });
          }}
        >
          {t("disable")}
          {who}
        </button>
      )}
      <span role="status" className="text-sm text-red-800">
        {error}
      </span>
    </span>
  );
}
