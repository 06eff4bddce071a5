import Link from "next/link";
import type { IncidentDTO } from "@/server/services/read-models/read-models.service";
import { formatDateTime } from "./format";
import { formatMessage } from "@/server/shared/messages";

/** Above the alerts while a provider is down: one line per open incident, so nobody works listing by listing. */
export function IncidentBanner({ incidents }: { incidents: IncidentDTO[] }) {
  if (incidents.length === 0) return null;
  return (
    <section aria-label="Incidents fournisseur en cours" className="space-y-2">
      {incidents.map((incident) => (
        <div
          key={incident.id}
          role="alert"
          data-testid="incident-banner"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          <p className="font-semibold">
            {incident.direction === "export"
              ? `Incident export : ${incident.provider} ne lit plus les calendriers exportés depuis ${formatDateTime(incident.openedAt)}`
              : `Incident fournisseur : ${incident.provider} ne répond plus depuis ${formatDateTime(incident.openedAt)}`}
          </p>
          <p className="mt-1">
            {formatMessage("calendarsFailing", { count: incident.now.feedsFailing })} sur{" "}
            {formatMessage("listings", { count: incident.now.listingsFailing })} ·{" "}
            {formatMessage("escalationsHeld", { count: incident.now.escalationsHeld })}. Rien à faire annonce par
            annonce :{" "}
            {incident.direction === "export"
              ? "l'incident se ferme de lui-même quand la plateforme relit les liens."
              : "les téléchargements sont suspendus et un test vérifie le retour du fournisseur."}{" "}
            <Link href={`/admin/incidents/${incident.id}`} className="font-medium underline">
              Voir l&apos;incident
            </Link>
          </p>
        </div>
      ))}
    </section>
  );
}
