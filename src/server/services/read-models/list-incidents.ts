import { and, asc, desc, eq, gt, ne, sql } from "drizzle-orm";
import { executeNamed } from "../../db/prepared-statement";
import { z } from "zod";
import { providerDisplayName } from "../../shared/export-destinations";
import {
  calendarFeeds,
  calendarSyncAlerts,
  listings,
  providerIncidents,
  users,
  type ProviderIncident,
} from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import type { Database } from "../../db/database";
import { NotFoundError, ValidationError, words } from "../../errors";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { isEntityId } from "../../validation";
import { listIncidentEvents } from "../incidents/incidents.service";

export const ListIncidentsInput = z.object({
  status: z.enum(["open", "resolved", "all"]).default("all"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListIncidentsInput = z.input<typeof ListIncidentsInput>;

export interface IncidentDTO {
  id: string;
  /** The provider as support reads it: « Airbnb (export) » for an export incident. */
  provider: string;
  /** import: the provider's feeds fail; export: the destination stopped reading the listings' export links. */
  direction: "import" | "export";
  status: "open" | "resolved";
  openedAt: string;
  resolvedAt: string | null;
  resolution: "probes" | "reads" | "manual" | null;
  resolvedBy: { id: string; name: string } | null;
  /** At opening: what the window showed. */
  atOpening: {
    feedsFailing: number;
    listingsFailing: number;
    feedsSynced: number;
    errorCounts: Record<string, number>;
  };
  /** Now: the provider's feeds still failing, their listings, and alerts whose escalation is held back. */
  now: { feedsFailing: number; listingsFailing: number; escalationsHeld: number };
  nextProbeAt: string | null;
  consecutiveProbeSuccesses: number;
}

export interface IncidentDetailDTO extends IncidentDTO {
  timeline: Array<{ id: number; kind: string; at: string; detail: string | null }>;
  listings: Array<{
    id: string;
    title: string;
    feedsFailing: number;
    alert: { id: string; status: string; failedAttempts: number; escalationHeld: boolean } | null;
  }>;
}

// An open incident's « now »: the provider's failing feeds, their listings, and the alerts whose escalation is held,
// counted in the incidents' own statement (one round trip for the dashboard's banners, however many are open).
const failingFeedOfIncident = sql`${calendarFeeds.providerKey} = ${providerIncidents.providerKey} and ${calendarFeeds.consecutiveFailures} > 0`;
// An export incident's « feeds » are its destination's links no longer read.
const staleLinkOfIncident = sql`export_links.destination = substring(${providerIncidents.providerKey} from 8) and export_links.stale_since is not null`;
const nowCounts = {
  feedsFailing: sql<number>`case when ${providerIncidents.status} <> 'open' then 0
    when ${providerIncidents.direction} = 'export' then (select count(*)::int from export_links where ${staleLinkOfIncident})
    else (select count(*)::int from ${calendarFeeds} where ${failingFeedOfIncident}) end`,
  listingsFailing: sql<number>`case when ${providerIncidents.status} <> 'open' then 0
    when ${providerIncidents.direction} = 'export' then (select count(distinct export_links.listing_id)::int from export_links where ${staleLinkOfIncident})
    else (select count(distinct ${calendarFeeds.listingId})::int from ${calendarFeeds} where ${failingFeedOfIncident}) end`,
  escalationsHeld: sql<number>`case when ${providerIncidents.status} = 'open' then (select count(*)::int from ${calendarSyncAlerts}
    where ${calendarSyncAlerts.status} = 'active' and ${calendarSyncAlerts.escalationHeldAt} is not null
      and ${calendarSyncAlerts.listingId} in (
        select ${calendarFeeds.listingId} from ${calendarFeeds} where ${failingFeedOfIncident}
        union all select export_links.listing_id from export_links where ${staleLinkOfIncident})) else 0 end`,
};

// Incidents with the name of who closed them and, for open ones, their counts now, in the same query.
const selectIncidents = (db: Database) =>
  db
    .select({ incident: providerIncidents, resolverName: users.name, ...nowCounts })
    .from(providerIncidents)
    .leftJoin(users, eq(users.id, providerIncidents.resolvedBy));

type IncidentRow = {
  incident: ProviderIncident;
  resolverName: string | null;
  feedsFailing: number;
  listingsFailing: number;
  escalationsHeld: number;
};

function toDto({ incident, resolverName, feedsFailing, listingsFailing, escalationsHeld }: IncidentRow): IncidentDTO {
  const resolvedBy = incident.resolvedBy
    ? { id: incident.resolvedBy, name: resolverName ?? "Utilisateur supprimé" }
    : null;
  const open = incident.status === "open";
  return {
    id: incident.id,
    provider: providerDisplayName(incident.providerKey),
    direction: incident.direction,
    status: incident.status,
    openedAt: incident.openedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    resolution: (incident.resolution as IncidentDTO["resolution"]) ?? null,
    resolvedBy,
    atOpening: {
      feedsFailing: incident.feedsFailing,
      listingsFailing: incident.listingsFailing,
      feedsSynced: incident.feedsSynced,
      errorCounts: incident.errorCounts,
    },
    now: {
      feedsFailing: Number(feedsFailing),
      listingsFailing: Number(listingsFailing),
      escalationsHeld: Number(escalationsHeld),
    },
    nextProbeAt: open ? incident.nextProbeAt.toISOString() : null,
    consecutiveProbeSuccesses: incident.consecutiveProbeSuccesses,
  };
}

/** Incidents, open ones first, then the history newest first. */
export async function listIncidents(
  ctx: ServiceContext,
  input: ListIncidentsInput,
): Promise<{ data: IncidentDTO[]; meta: { open: number } }> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const parsed = ListIncidentsInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(words("badFilters"), parsed.error.issues);
  const { db } = ctx;
  const { status, limit } = parsed.data;
  const rows = await executeNamed(
    db,
    `list_incidents_${status === "all" ? "all" : "one_status"}`,
    selectIncidents(db)
      .where(status === "all" ? undefined : eq(providerIncidents.status, status))
      .orderBy(
        sql`${providerIncidents.status} = 'open' desc`,
        desc(providerIncidents.openedAt),
        desc(providerIncidents.id),
      )
      .limit(limit),
  );
  // The open view short of its limit holds every open incident: no second count.
  const open =
    status === "open" && rows.length < limit
      ? rows.length
      : Number(
          (
            await db
              .select({ count: sql<number>`count(*)::int` })
              .from(providerIncidents)
              .where(eq(providerIncidents.status, "open"))
          )[0]?.count ?? 0,
        );
  return { data: rows.map(toDto), meta: { open } };
}

/** The open incidents, for the banners above the alerts. */
export async function listOpenIncidents(ctx: ServiceContext): Promise<IncidentDTO[]> {
  return (await listIncidents(ctx, { status: "open" })).data;
}

/** One incident: its timeline and the listings whose feeds of this provider fail, linked to their open alerts. */
export async function getIncidentDetail(ctx: ServiceContext, incidentId: string): Promise<IncidentDetailDTO> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  if (!isEntityId(incidentId)) throw new NotFoundError("Incident", incidentId);
  const { db } = ctx;
  const [row] = await selectIncidents(db).where(eq(providerIncidents.id, incidentId)).limit(1);
  if (!row) throw new NotFoundError("Incident", incidentId);
  const { incident } = row;
  const dto = toDto(row);
  const [events, affected] = await Promise.all([
    listIncidentEvents(ctx, incidentId),
    db
      .select({
        id: listings.id,
        title: listings.title,
        feedsFailing: sql<number>`count(*)::int`,
        alertId: calendarSyncAlerts.id,
        alertStatus: calendarSyncAlerts.status,
        failedAttempts: calendarSyncAlerts.failedAttempts,
        heldAt: calendarSyncAlerts.escalationHeldAt,
      })
      .from(calendarFeeds)
      .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
      .leftJoin(
        calendarSyncAlerts,
        and(eq(calendarSyncAlerts.listingId, listings.id), ne(calendarSyncAlerts.status, "resolved")),
      )
      .where(and(eq(calendarFeeds.providerKey, incident.providerKey), gt(calendarFeeds.consecutiveFailures, 0)))
      .groupBy(
        listings.id,
        listings.title,
        calendarSyncAlerts.id,
        calendarSyncAlerts.status,
        calendarSyncAlerts.failedAttempts,
        calendarSyncAlerts.escalationHeldAt,
      )
      .orderBy(asc(listings.title))
      .limit(500),
  ]);
  return {
    ...dto,
    timeline: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      at: event.at.toISOString(),
      detail: event.detail,
    })),
    listings: affected.map((row) => ({
      id: row.id,
      title: row.title,
      feedsFailing: Number(row.feedsFailing),
      alert: row.alertId
        ? {
            id: row.alertId,
            status: row.alertStatus!,
            failedAttempts: row.failedAttempts!,
            escalationHeld: row.alertStatus === "active" && row.heldAt !== null,
          }
        : null,
    })),
  };
}
