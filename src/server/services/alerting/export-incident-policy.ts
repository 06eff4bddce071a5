import type { ProviderIncident } from "../../db/schema";
import { getConfig } from "../../config";
import { EXPORT_DESTINATIONS, exportIncidentKey, type ExportDestination } from "../../shared/export-destinations";
import { findOpenIncident, lastIncidentEnd, openIncident } from "../incidents/incidents.service";
import type { ServiceContext } from "../../service-context";
import { recordIncidentEvent } from "./incident-events";
import { readExportReadBack, readExportStaleness } from "./read-export-staleness";
import { closeIncident } from "./resolve-provider-incident";

// Reads of one owner's links prove nothing of the importer: that host may simply have pasted the link again.
const READ_BACK_MIN_OWNERS = 2;

/**
 * A destination's importer down, not N hosts: when, within PROVIDER_INCIDENT_WINDOW_MINUTES (since its last export
 * incident ended, if later), links of at least PROVIDER_INCIDENT_MIN_OWNERS owners went unread, one export incident
 * opens for the destination (incident.opened: one e-mail, one channel message), and its listings' escalations are
 * held back while it lasts. Run after the staleness that may open it has committed. Never for « Autre ».
 */
export async function openExportIncidentIfDue(
  ctx: ServiceContext,
  input: { destination: ExportDestination; now: Date },
): Promise<ProviderIncident | null> {
  const { incidents } = getConfig();
  const destination = EXPORT_DESTINATIONS[input.destination];
  if (!incidents.enabled || destination.providerKey === null) return null;
  const key = exportIncidentKey(input.destination);
  const open = await findOpenIncident(ctx, key);
  if (open) return open;
  const windowStart = new Date(input.now.getTime() - incidents.windowMinutes * 60_000);
  const lastEnd = await lastIncidentEnd(ctx, key);
  if (lastEnd?.manual && lastEnd.at > windowStart) return null;
  const stale = await readExportStaleness(ctx, {
    destination: input.destination,
    since: lastEnd && lastEnd.at > windowStart ? lastEnd.at : windowStart,
  });
  if (stale.owners < incidents.minOwners) return null;
  const { incident, opened } = await openIncident(ctx, {
    providerKey: key,
    direction: "export",
    stats: {
      feedsFailing: stale.links,
      listingsFailing: stale.listings,
      feedsSynced: stale.links + stale.readLinks,
      errorCounts: { EXPORT_NOT_READ: stale.links },
    },
    now: input.now,
    probeIntervalSeconds: incidents.probeIntervalSeconds,
    detail: `${destination.label} ne lit plus les liens d'export de ${stale.owners} hôtes (${stale.links} liens, ${stale.readLinks} encore lus)`,
  });
  if (opened) await recordIncidentEvent(ctx, { kind: "opened", incident });
  return incident;
}

/**
 * The destination reads again: its export incident closes (incident.resolved) once links of two owners were read
 * since it opened, or no link of it is stale any more.
 */
export async function closeExportIncidentIfDue(
  ctx: ServiceContext,
  input: { destination: ExportDestination; now: Date },
): Promise<boolean> {
  const open = await findOpenIncident(ctx, exportIncidentKey(input.destination));
  if (!open) return false;
  const readBack = await readExportReadBack(ctx, { destination: input.destination, since: open.openedAt });
  if (readBack.ownersRead < READ_BACK_MIN_OWNERS && readBack.stillStale > 0) return false;
  return (await closeIncident(ctx, { incidentId: open.id, kind: "reads", now: input.now })) !== null;
}
