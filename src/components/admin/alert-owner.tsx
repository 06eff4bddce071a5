"use client";

import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

/** Who is on the alert: « Je m'en occupe », give it to a colleague, or release it. */
export function AlertOwner({
  alertId,
  assignee,
  viewerId,
  agents,
  open,
}: {
  alertId: string;
  assignee: { id: string; name: string } | null;
  viewerId: string;
  agents: Array<{ id: string; name: string }>;
  open: boolean;
}) {
  const t = useTranslator(alertsCatalogue);
  const { pending, error, run } = useApiAction();
  const [chosen, setChosen] = useState(assignee?.id ?? "");
  const assign = (userId: string | null) =>
    run(`/api/admin/alerts/${encodeURIComponent(alertId)}/assignee`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId }),
    });

  return (
    <div className="space-y-2">
      <p data-testid="assignee" className="text-sm">
        {assignee ? t(assignee.id === viewerId ? "ownedByYou" : "ownedBy", { name: assignee.name }) : t("nobodyOwns")}
      </p>
      {open && (
        <div className="flex flex-wrap items-center gap-2">
          {assignee?.id !== viewerId && (
            <button
              type="button"
              onClick={() => void assign(viewerId)}
              disabled={pending}
              className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
            >
              {t("takeIt")}
            </button>
          )}
          <label className="sr-only" htmlFor={`assign-${alertId}`}>
            {t("handTo")}
          </label>
          <select
            id={`assign-${alertId}`}
            value={chosen}
            onChange={(event) => setChosen(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">{t("chooseColleague")}</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => chosen && void assign(chosen)}
            disabled={pending || !chosen}
            className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
          >
            {t("hand")}
          </button>
          {assignee && (
            <button
              type="button"
              onClick={() => void assign(null)}
              disabled={pending}
              className="rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
            >
              {t("release")}
            </button>
          )}
        </div>
      )}
      <p role="status" className="text-sm text-red-800">
        {error}
      </p>
    </div>
  );
}
