import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import {
  calendarFeeds,
  providerIncidentEvents,
  providerIncidents,
  type IncidentEventKind,
  type ProviderIncident,
} from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { formatMessage } from "../../shared/messages";
import { describeSyncErrorType } from "../../shared/sync-error-types";

/** What the provider's feeds looked like over the window (the policy reads it: ../alerting/read-provider-stats.ts). */
export interface ProviderFailureStats {
  /** Distinct feeds of the provider whose last sync in the window failed with an error that counts. */
  feedsFailing: number;
  listingsFailing: number;
  /** Distinct feeds of the provider synced in the window. */
  feedsSynced: number;
  errorCounts: Record<string, number>;
  /** Owners with at least one such failing feed. */
  ownersFailing: number;
  /** Failing and synced feeds counted at most `maxFeedsPerOwner` per owner: the figures the rule compares. */
  countedFailing: number;
  countedSynced: number;
}

export async function findOpenIncident(ctx: ServiceContext, providerKey: string): Promise<ProviderIncident | null> {
  const { db } = ctx;
  const [incident] = await db
    .select()
    .from(providerIncidents)
    .where(and(eq(providerIncidents.providerKey, providerKey), eq(providerIncidents.status, "open")))
    .limit(1);
  return incident ?? null;
}

/** When and how the provider's last incident ended: failures before it belong to that incident, not to a new one. */
export async function lastIncidentEnd(
  ctx: ServiceContext,
  providerKey: string,
): Promise<{ at: Date; manual: boolean } | null> {
  const { db } = ctx;
  const [row] = await db
    .select({ at: providerIncidents.resolvedAt, resolution: providerIncidents.resolution })
    .from(providerIncidents)
    .where(and(eq(providerIncidents.providerKey, providerKey), eq(providerIncidents.status, "resolved")))
    .orderBy(desc(providerIncidents.resolvedAt))
    .limit(1);
  return row?.at ? { at: new Date(row.at), manual: row.resolution === "manual" } : null;
}

export async function recordIncidentEvent(
  ctx: ServiceContext,
  input: { incidentId: string; kind: IncidentEventKind; at: Date; detail?: string | null },
): Promise<void> {
  const { db } = ctx;
  const { incidentId, kind, at, detail = null } = input;
  await db.insert(providerIncidentEvents).values({ incidentId, kind, at, detail });
}

/**
 * Opens the provider's incident, or finds the one already open: the partial unique index makes two concurrent
 * openings one. `opened` is true for the call that created it (it alone sends the e-mail).
 */
export async function openIncident(
  ctx: ServiceContext,
  input: {
    providerKey: string;
    stats: Pick<ProviderFailureStats, "feedsFailing" | "listingsFailing" | "feedsSynced" | "errorCounts">;
    now: Date;
    probeIntervalSeconds: number;
    /** "export": a destination stopped reading our links; never probed (reads close it). */
    direction?: "import" | "export";
    /** The opening's line in the timeline, when the import's wording does not fit. */
    detail?: string;
  },
): Promise<{ incident: ProviderIncident; opened: boolean }> {
  const { db } = ctx;
  const { providerKey, stats, now, probeIntervalSeconds } = input;
  const [created] = await db
    .insert(providerIncidents)
    .values({
      providerKey,
      direction: input.direction ?? "import",
      openedAt: now,
      errorCounts: stats.errorCounts,
      feedsFailing: stats.feedsFailing,
      listingsFailing: stats.listingsFailing,
      feedsSynced: stats.feedsSynced,
      nextProbeAt: new Date(now.getTime() + probeIntervalSeconds * 1_000),
    })
    .onConflictDoNothing({ target: providerIncidents.providerKey, where: sql`${providerIncidents.status} = 'open'` })
    .returning();
  if (created) {
    const summary = Object.entries(stats.errorCounts)
      .map(([type, count]) => `${describeSyncErrorType(type).label} : ${count}`)
      .join(", ");
    await recordIncidentEvent(ctx, {
      incidentId: created.id,
      kind: "opened",
      at: now,
      detail:
        input.detail ??
        `${formatMessage("calendarsFailing", { count: stats.feedsFailing })} sur ${stats.feedsSynced} synchronisés (${summary})`,
    });
    return { incident: created, opened: true };
  }
  const existing = await findOpenIncident(ctx, providerKey);
  if (!existing) throw new Error(`no open incident for ${providerKey} after a conflicting insert`);
  return { incident: existing, opened: false };
}

/** Takes the next due probe of an open incident, for one worker (SKIP LOCKED and a lease, like feeds). */
export async function claimDueProbe(
  ctx: ServiceContext,
  input: { owner: string; leaseMs: number; now?: Date },
): Promise<ProviderIncident | null> {
  const { db } = ctx;
  const { owner, leaseMs, now = new Date() } = input;
  const due = db
    .select({ id: providerIncidents.id })
    .from(providerIncidents)
    .where(
      and(
        eq(providerIncidents.status, "open"),
        eq(providerIncidents.direction, "import"),
        lte(providerIncidents.nextProbeAt, now),
        sql`(${providerIncidents.probeUntil} is null or ${providerIncidents.probeUntil} < ${now})`,
      ),
    )
    .orderBy(asc(providerIncidents.nextProbeAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [claimed] = await db
    .update(providerIncidents)
    .set({ probeOwner: owner, probeUntil: new Date(now.getTime() + leaseMs) })
    .where(sql`${providerIncidents.id} in (${due})`)
    .returning();
  return claimed ?? null;
}

export type ProbeOutcome = "succeeded" | "failed" | "inconclusive";

const PROBE_EVENT: Record<ProbeOutcome, IncidentEventKind> = {
  succeeded: "probe_succeeded",
  failed: "probe_failed",
  inconclusive: "probe_inconclusive",
};

/**
 * Records a probe's outcome, fenced by the probe's lease. A success counts towards recovery (with the owner of the
 * feed probed), a failure starts the count again, an inconclusive probe (the feed failed for its host's own reason,
 * a 404) changes neither; the next probe is due one interval later. Returns the incident as updated, or null when
 * the probe no longer held it (or it was closed meanwhile).
 */
export async function recordProbeOutcome(
  ctx: ServiceContext,
  input: {
    incidentId: string;
    owner: string;
    probe: { outcome: ProbeOutcome; feedOwnerId: string | null; detail: string };
    now: Date;
    probeIntervalSeconds: number;
  },
): Promise<ProviderIncident | null> {
  const { db } = ctx;
  const { incidentId, owner, probe, now, probeIntervalSeconds } = input;
  const { outcome, feedOwnerId, detail } = probe;
  const successes =
    outcome === "succeeded"
      ? sql`${providerIncidents.consecutiveProbeSuccesses} + 1`
      : outcome === "failed"
        ? sql`0`
        : sql`${providerIncidents.consecutiveProbeSuccesses}`;
  const successOwners =
    outcome === "succeeded" && feedOwnerId
      ? sql`case when ${feedOwnerId} = any(${providerIncidents.probeSuccessOwnerIds}) then ${providerIncidents.probeSuccessOwnerIds} else array_append(${providerIncidents.probeSuccessOwnerIds}, ${feedOwnerId}::text) end`
      : outcome === "failed"
        ? sql`'{}'::text[]`
        : sql`${providerIncidents.probeSuccessOwnerIds}`;
  const [updated] = await db
    .update(providerIncidents)
    .set({
      consecutiveProbeSuccesses: successes,
      probeSuccessOwnerIds: successOwners,
      lastProbeOwnerId: feedOwnerId ?? sql`${providerIncidents.lastProbeOwnerId}`,
      nextProbeAt: new Date(now.getTime() + probeIntervalSeconds * 1_000),
      probeOwner: null,
      probeUntil: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(providerIncidents.id, incidentId),
        eq(providerIncidents.status, "open"),
        eq(providerIncidents.probeOwner, owner),
      ),
    )
    .returning();
  if (!updated) return null;
  await recordIncidentEvent(ctx, { incidentId, kind: PROBE_EVENT[outcome], at: now, detail });
  return updated;
}

/** probes: the provider answers again; reads: its importer reads our export links again; manual: support closed it. */
export type IncidentResolutionKind = "probes" | "reads" | "manual";
const RESOLUTION_DETAIL: Record<IncidentResolutionKind, string> = {
  probes: "le fournisseur répond de nouveau",
  reads: "la plateforme lit de nouveau les liens d'export",
  manual: "clos par le support",
};

/** open → resolved, once: null when it was already resolved (a second agent, or the probes, got there first). */
export async function resolveIncident(
  ctx: ServiceContext,
  input: { incidentId: string; resolution: { by: string | null; kind: IncidentResolutionKind }; now: Date },
): Promise<ProviderIncident | null> {
  const { db } = ctx;
  const { incidentId, resolution, now } = input;
  const [resolved] = await db
    .update(providerIncidents)
    .set({
      status: "resolved",
      resolvedAt: now,
      resolvedBy: resolution.by,
      resolution: resolution.kind,
      probeOwner: null,
      probeUntil: null,
      updatedAt: now,
    })
    .where(and(eq(providerIncidents.id, incidentId), eq(providerIncidents.status, "open")))
    .returning();
  if (!resolved) return null;
  await recordIncidentEvent(ctx, {
    incidentId,
    kind: "resolved",
    at: now,
    detail: RESOLUTION_DETAIL[resolution.kind],
  });
  return resolved;
}

/** After an incident: the provider's feeds come due spread over `spreadMinutes`, not all at once. */
export async function rescheduleProviderFeeds(
  ctx: ServiceContext,
  input: { providerKey: string; now: Date; spreadMinutes: number },
): Promise<number> {
  const { db } = ctx;
  const { providerKey, now, spreadMinutes } = input;
  const rows = await db
    .update(calendarFeeds)
    .set({ nextSyncAt: sql`${now}::timestamptz + random() * make_interval(mins => ${spreadMinutes}::int)` })
    .where(eq(calendarFeeds.providerKey, providerKey))
    .returning({ id: calendarFeeds.id });
  return rows.length;
}

export async function getIncident(ctx: ServiceContext, incidentId: string): Promise<ProviderIncident | null> {
  const { db } = ctx;
  const [incident] = await db.select().from(providerIncidents).where(eq(providerIncidents.id, incidentId)).limit(1);
  return incident ?? null;
}

export async function listIncidentEvents(ctx: ServiceContext, incidentId: string) {
  const { db } = ctx;
  return db
    .select()
    .from(providerIncidentEvents)
    .where(eq(providerIncidentEvents.incidentId, incidentId))
    .orderBy(desc(providerIncidentEvents.at), desc(providerIncidentEvents.id))
    .limit(500);
}
