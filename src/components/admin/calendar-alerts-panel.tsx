"use client";

import Link from "next/link";
import { useState } from "react";
import type { AlertDTO } from "@/server/services/alerts/alerts.service";
import type { DashboardAlert, DashboardAlertCounts } from "@/server/services/read-models/read-models.service";
import { describeSyncErrorType } from "@/server/shared/sync-error-types";
import { formatDateTime, formatRelative } from "./format";
import { StatusBadge } from "./status-badge";
import { ResolveAlertButton } from "./resolve-alert-button";
import { AlertRisk } from "./alert-risk";
import { formatMessage } from "@/server/shared/messages";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import { useHydrated } from "../use-hydrated";

interface Props {
  alerts: DashboardAlert[];
  counts: DashboardAlertCounts;
  renderedAt: number;
}

/**
 * Dashboard section "Alertes calendrier": open alerts, most attempts first. The page around it reads everything again
 * every 30 s (LiveRefresh), so the list, its counts, the banners and the double bookings move together; an alert
 * resolved here leaves the list at once.
 *
 * The rows are rendered in the browser only: their data travels once, as these props, and the server's HTML holds
 * the counts and a placeholder (#34: the HTML copy of fifty rows was most of the page and of its server CPU).
 */
export function CalendarAlertsPanel({ alerts: rendered, counts: renderedCounts, renderedAt }: Props) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  const [resolvedHere, setResolvedHere] = useState<string[]>([]);
  const alerts = rendered.filter((alert) => !resolvedHere.includes(alert.id));
  const hydrated = useHydrated();
  const counts = { ...renderedCounts };
  for (const alert of rendered) {
    if (!resolvedHere.includes(alert.id)) continue;
    counts[alert.status] -= 1;
    if (alert.incident) counts.underIncident -= 1;
    if (alert.errorType === "EXPORT_NOT_READ") counts.exportSide -= 1;
  }
  const now = renderedAt;

  function onResolved(resolved: AlertDTO) {
    setResolvedHere((current) => [...current, resolved.id]);
  }

  return (
    <section aria-labelledby="calendar-alerts-title" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="calendar-alerts-title" className="text-lg font-semibold">
          {t("panelTitle")}
        </h2>
        <div className="flex items-center gap-3 text-sm">
          <span
            data-testid="count-escalated"
            className="rounded bg-red-100 px-2 py-0.5 font-medium whitespace-nowrap text-red-800"
          >
            {formatMessage("alertsEscalated", { count: counts.escalated }, locale)}
          </span>
          <span data-testid="count-active" className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900">
            {formatMessage("alertsActive", { count: counts.active + counts.escalated }, locale)}
            {formatMessage("underIncident", { count: counts.underIncident }, locale)}
            {formatMessage("exportSide", { count: counts.exportSide }, locale)}
          </span>
          <Link href="/admin/alerts/calendar-sync" className="text-blue-700 underline">
            {t("allAlerts")}
          </Link>
        </div>
      </div>
      {alerts.length === 0 ? (
        <p className="px-4 py-8 text-center text-slate-600">{t("noOpenAlert")}</p>
      ) : !hydrated ? (
        <p className="px-4 py-8 text-center text-slate-600" aria-busy="true">
          {t("loadingAlerts")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {groupByIncident(alerts).map((entry) =>
            entry.kind === "alert" ? (
              <AlertRow key={entry.alert.id} alert={entry.alert} now={now} onResolved={onResolved} />
            ) : (
              <IncidentGroup key={entry.incidentId} group={entry} now={now} onResolved={onResolved} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

type PanelEntry =
  | { kind: "alert"; alert: DashboardAlert }
  | { kind: "incident"; incidentId: string; providerKey: string; alerts: DashboardAlert[] };

/** The alerts in their order, those under one open provider incident folded into one entry where the first of them was. */
function groupByIncident(alerts: DashboardAlert[]): PanelEntry[] {
  const entries: PanelEntry[] = [];
  const groups = new Map<string, Extract<PanelEntry, { kind: "incident" }>>();
  for (const alert of alerts) {
    if (!alert.incident) {
      entries.push({ kind: "alert", alert });
      continue;
    }
    let group = groups.get(alert.incident.id);
    if (!group) {
      group = { kind: "incident", incidentId: alert.incident.id, providerKey: alert.incident.providerKey, alerts: [] };
      groups.set(alert.incident.id, group);
      entries.push(group);
    }
    group.alerts.push(alert);
  }
  return entries;
}

function AlertRow({
  alert,
  now,
  onResolved,
}: {
  alert: DashboardAlert;
  now: number;
  onResolved: (resolved: AlertDTO) => void;
}) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  return (
    <li
      data-testid="calendar-alert"
      className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
    >
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={`/admin/alerts/calendar-sync/${alert.id}`}
            className="font-medium text-blue-800 underline-offset-2 hover:underline"
          >
            <span translate="no">{alert.title}</span>
          </Link>
          {alert.status === "escalated" && <StatusBadge status="escalated" />}
          <span
            data-testid="alert-owner"
            className={`rounded px-2 py-0.5 text-xs whitespace-nowrap ${alert.assignee ? "bg-blue-50 text-blue-900" : "bg-slate-100 text-slate-700"}`}
          >
            {alert.assignee ? t("takenBy", { name: alert.assignee }) : t("unassigned")}
          </span>
        </div>
        <div className="text-sm text-slate-700">
          {describeSyncErrorType(alert.errorType, locale).label} ·{" "}
          <strong>{formatMessage("failedAttempts", { count: alert.failedAttempts }, locale)}</strong> ·{" "}
          {t("lastFailure")}{" "}
          <time dateTime={alert.lastFailedAt} title={formatDateTime(alert.lastFailedAt, locale)}>
            {formatRelative(alert.lastFailedAt, now, locale)}
          </time>
        </div>
        <AlertRisk
          alert={{
            status: alert.status,
            staleSince: alert.staleSince ?? null,
            upcomingBookings: { count: alert.upcoming ?? 0, firstStartsAt: alert.firstUpcomingAt ?? null },
          }}
          now={now}
        />
      </div>
      <div className="shrink-0">
        <ResolveAlertButton alertId={alert.id} listingTitle={alert.title} onResolved={onResolved} />
      </div>
    </li>
  );
}

/** One provider incident's alerts, folded: their rows are rendered only once opened (the dashboard's page stays light). */
function IncidentGroup({
  group,
  now,
  onResolved,
}: {
  group: Extract<PanelEntry, { kind: "incident" }>;
  now: number;
  onResolved: (resolved: AlertDTO) => void;
}) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="incident-group" className="px-4 py-3">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer font-medium text-amber-900">
          {t("incidentGroup", {
            provider: group.providerKey,
            listings: formatMessage("listings", { count: group.alerts.length }, locale),
          })}
        </summary>
        <p className="mt-1 text-sm text-slate-700">
          {t("incidentGroupText")}{" "}
          <Link href={`/admin/incidents/${group.incidentId}`} className="text-blue-700 underline">
            {t("viewIncident")}
          </Link>
        </p>
        {open && (
          <ul className="mt-2 divide-y divide-slate-100 border-l-2 border-amber-300 pl-3">
            {group.alerts.map((alert) => (
              <AlertRow key={alert.id} alert={alert} now={now} onResolved={onResolved} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}
