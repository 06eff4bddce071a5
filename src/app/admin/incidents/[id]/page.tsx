import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageContext } from "@/server/auth/page-session";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import type { ServiceContext } from "@/server/service-context";
import { NotFoundError } from "@/server/errors";
import { getIncidentDetail, type IncidentDetailDTO } from "@/server/services/read-models/read-models.service";
import { describeSyncErrorType } from "@/server/shared/sync-error-types";
import { Breadcrumbs } from "@/components/admin/breadcrumbs";
import { CloseIncidentButton } from "@/components/admin/close-incident-button";
import { formatDateTime } from "@/components/admin/format";
import { formatMessage } from "@/server/shared/messages";

import { getPageLocale, pageTranslator } from "@/server/auth/page-locale";
import { incidentsCatalogue } from "@/i18n/catalogue/incidents";
import { INTL_TAGS } from "@/i18n/locales";

export async function generateMetadata() {
  return { title: (await pageTranslator(incidentsCatalogue))("detailTitle") };
}

const EVENT_LABELS = {
  opened: "event.opened",
  probe_failed: "event.probe_failed",
  probe_succeeded: "event.probe_succeeded",
  probe_inconclusive: "event.probe_inconclusive",
  resolved: "event.resolved",
} as const;

async function loadIncident(ctx: ServiceContext, id: string): Promise<IncidentDetailDTO> {
  try {
    return await getIncidentDetail(ctx, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function IncidentDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageContext(BACK_OFFICE_ROLES, `/admin/incidents/${encodeURIComponent(id)}`);
  const incident = await loadIncident(ctx, id);
  const open = incident.status === "open";
  const locale = await getPageLocale();
  const t = await pageTranslator(incidentsCatalogue);
  const count = new Intl.NumberFormat(INTL_TAGS[locale]);
  return (
    <main className="space-y-5">
      <Breadcrumbs
        trail={[
          { label: t("dashboard"), href: "/admin" },
          { label: t("title"), href: "/admin/incidents" },
          { label: incident.provider },
        ]}
      />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("heading", { provider: incident.provider })}</h1>
          <p data-testid="incident-status" className="mt-1 text-sm text-slate-700">
            {open
              ? t("openSince", {
                  since: formatDateTime(incident.openedAt, locale),
                  probes: formatMessage("probesSucceeded", { count: incident.consecutiveProbeSuccesses }, locale),
                  next: formatDateTime(incident.nextProbeAt, locale),
                })
              : incident.resolution === "manual"
                ? t("resolvedOnBy", {
                    when: formatDateTime(incident.resolvedAt, locale),
                    name: incident.resolvedBy?.name ?? "?",
                  })
                : t("resolvedOnBack", { when: formatDateTime(incident.resolvedAt, locale) })}
          </p>
        </div>
        {open && <CloseIncidentButton incidentId={incident.id} provider={incident.provider} />}
      </header>

      <section aria-labelledby="counts-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="counts-title" className="text-lg font-semibold">
          {t("atOpening")}
        </h2>
        <p className="mt-1 text-sm">
          {t("openingCounts", {
            failing: count.format(incident.atOpening.feedsFailing),
            synced: count.format(incident.atOpening.feedsSynced),
            listings: count.format(incident.atOpening.listingsFailing),
          })}
        </p>
        <ul className="mt-2 text-sm">
          {Object.entries(incident.atOpening.errorCounts).map(([type, n]) => (
            <li key={type}>
              {t("errorCount", { label: describeSyncErrorType(type, locale).label, count: count.format(n) })}
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-5 lg:grid-cols-2">
        <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="timeline-title" className="text-lg font-semibold">
            {t("timeline")}
          </h2>
          <ol className="mt-2 space-y-2">
            {incident.timeline.map((event) => (
              <li key={event.id} className="border-l-2 border-slate-300 pl-3 text-sm">
                <div className="font-medium">
                  {formatDateTime(event.at, locale)} ·{" "}
                  {event.kind in EVENT_LABELS ? t(EVENT_LABELS[event.kind as keyof typeof EVENT_LABELS]) : event.kind}
                </div>
                {event.detail && (
                  // Recorded by the worker when it happened, in support's language of the time.
                  <div translate="no" className="text-slate-700">
                    {event.detail}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="listings-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="listings-title" className="text-lg font-semibold">
            {t("listingsConcerned", { count: count.format(incident.listings.length) })}
          </h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {incident.listings.map((listing) => (
              <li key={listing.id} data-testid="incident-listing" className="py-2">
                {listing.alert ? (
                  <Link
                    href={`/admin/alerts/calendar-sync/${listing.alert.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    <span translate="no">{listing.title}</span>
                  </Link>
                ) : (
                  <span translate="no" className="font-medium">
                    {listing.title}
                  </span>
                )}
                <span className="text-slate-600">
                  {" "}
                  · {formatMessage("calendarsFailing", { count: listing.feedsFailing }, locale)}
                  {listing.alert
                    ? ` · ${formatMessage("failedAttempts", { count: listing.alert.failedAttempts }, locale)}`
                    : ""}
                  {listing.alert?.escalationHeld ? t("escalationHeld") : ""}
                </span>
              </li>
            ))}
            {incident.listings.length === 0 && <li className="py-2 text-slate-600">{t("noListingLeft")}</li>}
          </ul>
        </section>
      </div>
    </main>
  );
}
