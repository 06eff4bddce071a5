"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { AlertDTO, AlertSummaryDTO } from "@/server/services/alerts/alert-dto";
import type { AlertCounts } from "@/server/services/read-models/list-alerts";
import { describeSyncErrorType } from "@/server/shared/sync-error-types";
import { formatDateTime, formatRelative } from "./format";
import { StatusBadge } from "./status-badge";
import { ResolveAlertButton } from "./resolve-alert-button";
import { AlertRisk } from "./alert-risk";

const REFRESH_MS = 30_000;

interface Props {
  initialAlerts: AlertSummaryDTO[];
  initialCounts: AlertCounts;
  renderedAt: number;
}

/** Dashboard section "Alertes calendrier": open alerts, most attempts first, refreshed every 30 s. */
export function CalendarAlertsPanel({ initialAlerts, initialCounts, renderedAt }: Props) {
  const [alerts, setAlerts] = useState(initialAlerts);
  const [counts, setCounts] = useState(initialCounts);
  const [now, setNow] = useState(renderedAt);
  const [refreshError, setRefreshError] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const response = await fetch("/api/admin/alerts/calendar-sync?limit=50&view=summary", { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.json();
      setAlerts(body.data);
      setCounts(body.meta.counts);
      setRefreshError(false);
    } catch {
      setRefreshError(true);
    }
    setNow(Date.now());
  }, []);

  useEffect(() => {
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  function onResolved(resolved: AlertDTO) {
    const previous = alerts.find((alert) => alert.id === resolved.id);
    setAlerts((current) => current.filter((alert) => alert.id !== resolved.id));
    if (previous && previous.status !== "resolved") {
      const status = previous.status;
      const folded = previous.incident ? 1 : 0;
      setCounts((current) => ({ ...current, [status]: current[status] - 1, underIncident: (current.underIncident ?? 0) - folded, resolved: current.resolved + 1 }));
    }
  }

  return (
    <section aria-labelledby="calendar-alerts-title" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="calendar-alerts-title" className="text-lg font-semibold">
          Alertes calendrier
        </h2>
        <div className="flex items-center gap-3 text-sm">
          <span data-testid="count-escalated" className="rounded bg-red-100 px-2 py-0.5 font-medium text-red-800">
            {counts.escalated} escaladée{counts.escalated > 1 ? "s" : ""}
          </span>
          <span data-testid="count-active" className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900">
            {counts.active + counts.escalated} active{counts.active + counts.escalated > 1 ? "s" : ""}
            {counts.underIncident ? `, dont ${counts.underIncident} sous incident` : ""}
          </span>
          <Link href="/admin/alerts/calendar-sync" className="text-blue-700 underline">
            Toutes les alertes
          </Link>
        </div>
      </div>
      {refreshError && (
        <p role="status" className="bg-amber-50 px-4 py-2 text-sm text-amber-900">
          Actualisation impossible pour le moment ; la liste affichée peut être ancienne.
        </p>
      )}
      {alerts.length === 0 ? (
        <p className="px-4 py-8 text-center text-slate-600">Aucune alerte ouverte : tous les calendriers se synchronisent.</p>
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

type PanelEntry = { kind: "alert"; alert: AlertSummaryDTO } | { kind: "incident"; incidentId: string; providerKey: string; alerts: AlertSummaryDTO[] };

/** The alerts in their order, those under one open provider incident folded into one entry where the first of them was. */
function groupByIncident(alerts: AlertSummaryDTO[]): PanelEntry[] {
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

function AlertRow({ alert, now, onResolved }: { alert: AlertSummaryDTO; now: number; onResolved: (resolved: AlertDTO) => void }) {
  return (
    <li data-testid="calendar-alert" className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/admin/alerts/calendar-sync/${alert.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
            {alert.listing.title}
          </Link>
          {alert.status === "escalated" && <StatusBadge status="escalated" />}
          <span data-testid="alert-owner" className={`rounded px-2 py-0.5 text-xs ${alert.assignee ? "bg-blue-50 text-blue-900" : "bg-slate-100 text-slate-700"}`}>
            {alert.assignee ? `Pris par ${alert.assignee.name}` : "Non assignée"}
          </span>
        </div>
        <div className="text-sm text-slate-700">
          {describeSyncErrorType(alert.errorType).label} · <strong>{alert.failedAttempts}</strong> tentative{alert.failedAttempts > 1 ? "s" : ""} échouée
          {alert.failedAttempts > 1 ? "s" : ""} · dernier échec{" "}
          <time dateTime={alert.lastFailedAt} title={formatDateTime(alert.lastFailedAt)}>
            {formatRelative(alert.lastFailedAt, now)}
          </time>
        </div>
        <AlertRisk alert={alert} now={now} />
      </div>
      <div className="shrink-0">
        <ResolveAlertButton alertId={alert.id} listingTitle={alert.listing.title} onResolved={onResolved} />
      </div>
    </li>
  );
}

/** One provider incident's alerts, folded: their rows are rendered only once opened (the dashboard's page stays light). */
function IncidentGroup({ group, now, onResolved }: { group: Extract<PanelEntry, { kind: "incident" }>; now: number; onResolved: (resolved: AlertDTO) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="incident-group" className="px-4 py-3">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer font-medium text-amber-900">
          Incident {group.providerKey} — {group.alerts.length} annonce{group.alerts.length > 1 ? "s" : ""}
        </summary>
        <p className="mt-1 text-sm text-slate-700">
          Le fournisseur est en panne : ces alertes se résoudront avec l&apos;incident.{" "}
          <Link href={`/admin/incidents/${group.incidentId}`} className="text-blue-700 underline">
            Voir l&apos;incident
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
