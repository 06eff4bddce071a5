"use client";

import Link from "next/link";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import type { IncidentDTO } from "@/server/services/read-models/read-models.service";
import { formatDateTime } from "./format";
import { formatMessage } from "@/server/shared/messages";

/** Above the alerts while a provider is down: one line per open incident, so nobody works listing by listing. */
export function IncidentBanner({ incidents }: { incidents: IncidentDTO[] }) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  if (incidents.length === 0) return null;
  return (
    <section aria-label={t("incidentsInProgress")} className="space-y-2">
      {incidents.map((incident) => (
        <div
          key={incident.id}
          role="alert"
          data-testid="incident-banner"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          <p className="font-semibold">
            {incident.direction === "export"
              ? t("incidentExport", { provider: incident.provider, since: formatDateTime(incident.openedAt, locale) })
              : t("incidentImport", { provider: incident.provider, since: formatDateTime(incident.openedAt, locale) })}
          </p>
          <p className="mt-1">
            {t("incidentNow", {
              failing: formatMessage("calendarsFailing", { count: incident.now.feedsFailing }, locale),
              listings: formatMessage("listings", { count: incident.now.listingsFailing }, locale),
              held: formatMessage("escalationsHeld", { count: incident.now.escalationsHeld }, locale),
            })}{" "}
            {incident.direction === "export" ? t("incidentExportEnds") : t("incidentImportHeld")}{" "}
            <Link href={`/admin/incidents/${incident.id}`} className="font-medium underline">
              {t("viewIncident")}
            </Link>
          </p>
        </div>
      ))}
    </section>
  );
}
