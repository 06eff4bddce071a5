"use client";

import type { AlertStatus } from "@/server/services/alerts/alerts.service";
import { STATUS_LABELS } from "./labels";
import { useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";

const STYLES: Record<AlertStatus, string> = {
  escalated: "bg-red-100 text-red-800 ring-red-300",
  active: "bg-amber-100 text-amber-900 ring-amber-300",
  resolved: "bg-emerald-100 text-emerald-800 ring-emerald-300",
};

/** An open alert's state; a snoozed one says « En pause » (its escalation waits for the end of the pause). */
const PAUSED_STYLE = "bg-slate-100 text-slate-800 ring-slate-300";

export function StatusBadge({
  status,
  escalationHeld = false,
  snoozed = false,
}: {
  status: AlertStatus;
  escalationHeld?: boolean;
  snoozed?: boolean;
}) {
  const t = useTranslator(alertsCatalogue);
  const paused = snoozed && status !== "resolved";
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span
        data-testid="status-badge"
        className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ${paused ? PAUSED_STYLE : STYLES[status]}`}
      >
        {paused ? t("snoozedLabel") : t(STATUS_LABELS[status])}
      </span>
      {escalationHeld && status === "active" && (
        <span
          data-testid="escalation-held"
          className="inline-flex items-center rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-slate-800 ring-1 ring-slate-300"
        >
          {t("escalationHeld")}
        </span>
      )}
    </span>
  );
}
