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

export const metadata = { title: "Incident fournisseur" };

const count = new Intl.NumberFormat("fr-FR");
const EVENT_LABELS: Record<string, string> = {
  opened: "Incident ouvert",
  probe_failed: "Test en échec",
  probe_succeeded: "Test réussi",
  probe_inconclusive: "Test sans conclusion (lien de l'hôte en cause)",
  resolved: "Incident résolu",
};

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
  return (
    <main className="space-y-5">
      <Breadcrumbs
        trail={[
          { label: "Tableau de bord", href: "/admin" },
          { label: "Incidents fournisseur", href: "/admin/incidents" },
          { label: incident.provider },
        ]}
      />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Incident fournisseur : {incident.provider}</h1>
          <p data-testid="incident-status" className="mt-1 text-sm text-slate-700">
            {open
              ? `En cours depuis ${formatDateTime(incident.openedAt)} · ${formatMessage("probesSucceeded", { count: incident.consecutiveProbeSuccesses })} · prochain test ${formatDateTime(incident.nextProbeAt)}`
              : `Résolu le ${formatDateTime(incident.resolvedAt)} (${incident.resolution === "manual" ? `clos par ${incident.resolvedBy?.name ?? "?"}` : "le fournisseur répond de nouveau"})`}
          </p>
        </div>
        {open && <CloseIncidentButton incidentId={incident.id} provider={incident.provider} />}
      </header>

      <section aria-labelledby="counts-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="counts-title" className="text-lg font-semibold">
          À l&apos;ouverture
        </h2>
        <p className="mt-1 text-sm">
          {count.format(incident.atOpening.feedsFailing)} calendriers en échec sur{" "}
          {count.format(incident.atOpening.feedsSynced)} synchronisés,{" "}
          {count.format(incident.atOpening.listingsFailing)} annonces concernées.
        </p>
        <ul className="mt-2 text-sm">
          {Object.entries(incident.atOpening.errorCounts).map(([type, n]) => (
            <li key={type}>
              {describeSyncErrorType(type).label} : {count.format(n)}
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-5 lg:grid-cols-2">
        <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="timeline-title" className="text-lg font-semibold">
            Chronologie
          </h2>
          <ol className="mt-2 space-y-2">
            {incident.timeline.map((event) => (
              <li key={event.id} className="border-l-2 border-slate-300 pl-3 text-sm">
                <div className="font-medium">
                  {formatDateTime(event.at)} · {EVENT_LABELS[event.kind] ?? event.kind}
                </div>
                {event.detail && <div className="text-slate-700">{event.detail}</div>}
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="listings-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="listings-title" className="text-lg font-semibold">
            Annonces concernées ({count.format(incident.listings.length)})
          </h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {incident.listings.map((listing) => (
              <li key={listing.id} data-testid="incident-listing" className="py-2">
                {listing.alert ? (
                  <Link
                    href={`/admin/alerts/calendar-sync/${listing.alert.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {listing.title}
                  </Link>
                ) : (
                  <span className="font-medium">{listing.title}</span>
                )}
                <span className="text-slate-600">
                  {" "}
                  · {formatMessage("calendarsFailing", { count: listing.feedsFailing })}
                  {listing.alert
                    ? ` · ${formatMessage("failedAttempts", { count: listing.alert.failedAttempts })}`
                    : ""}
                  {listing.alert?.escalationHeld ? " · escalade suspendue" : ""}
                </span>
              </li>
            ))}
            {incident.listings.length === 0 && (
              <li className="py-2 text-slate-600">Plus aucune annonce en échec chez ce fournisseur.</li>
            )}
          </ul>
        </section>
      </div>
    </main>
  );
}
