import { and, eq, getTableColumns, isNull, sql, type SQL } from "drizzle-orm";
import { calendarFeeds, listings, type CalendarFeed } from "../../../db/schema";
import { preparedStatement, runPrepared } from "../../../db/prepared-statement";
import { selectList } from "../../../db/select-list";
import { getConfig } from "../../../config";
import type { ServiceContext } from "../../../service-context";
import { openIncidentOn, providerHeldOn } from "../../incidents/incidents.service";

// Database work after the fetch takes milliseconds; a minute covers a slow database with room to spare.
const LEASE_MARGIN_MS = 60_000;

/** A lease that outlives the longest possible fetch (the fetcher aborts at its timeout) plus the recording. */
export function leaseDurationMs(fetchTimeoutMs: number): number {
  return fetchTimeoutMs + LEASE_MARGIN_MS;
}

/** The feed's provider is under an open incident: only its probes fetch it. */
export class ProviderDownError extends Error {
  constructor(
    readonly feedId: string,
    readonly providerKey: string,
  ) {
    super(`provider ${providerKey} of feed ${feedId} is under an open incident`);
    this.name = "ProviderDownError";
  }
}

/** The worker that finished a sync no longer holds the feed: another took it over after the lease expired. */
export class LeaseLostError extends Error {
  constructor(
    readonly feedId: string,
    readonly owner: string,
  ) {
    super(`lease on feed ${feedId} lost by ${owner}`);
    this.name = "LeaseLostError";
  }
}

/**
 * Renews a held lease just before the fetch and returns the feed row and whether its provider is under an open
 * incident, in one statement: the lease then runs a full fetch timeout from now, however long the feed waited in
 * the worker's queue. Null when not held.
 */
export async function renewLease(
  ctx: ServiceContext,
  input: { feedId: string; owner: string; leaseMs: number; now?: Date },
): Promise<{ feed: CalendarFeed; providerUnderIncident: boolean } | null> {
  const { db } = ctx;
  const { feedId, owner, leaseMs, now = new Date() } = input;
  const [row] = await db
    .update(calendarFeeds)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.leaseOwner, owner)))
    .returning({ ...getTableColumns(calendarFeeds), providerUnderIncident: sql<boolean>`${providerUnderIncident}` });
  if (!row) return null;
  const { providerUnderIncident: down, ...feed } = row;
  return { feed, providerUnderIncident: down === true };
}

const leaseFree = (now: Date) => sql`(${calendarFeeds.leaseUntil} is null or ${calendarFeeds.leaseUntil} < ${now})`;

// The circuit breaker: while its provider has an open incident, a feed is not fetched (the probes are).
const providerUnderIncident = sql.raw(openIncidentOn(`"calendar_feeds"."provider_key"`));

/**
 * The one way a lease is taken outside the worker's batch claim: the feeds `where` selects whose lease is free, for
 * `owner` until now + leaseMs, in one conditional UPDATE. Returns the feeds taken.
 */
export async function takeLease(
  ctx: ServiceContext,
  input: { where: SQL; owner: string; leaseMs: number; now?: Date },
): Promise<Array<{ id: string; listingId: string }>> {
  const { db } = ctx;
  const { where, owner, leaseMs, now = new Date() } = input;
  return db
    .update(calendarFeeds)
    .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(where, leaseFree(now)))
    .returning({ id: calendarFeeds.id, listingId: calendarFeeds.listingId });
}

const CLAIMED_FEED_FIELDS = [
  "id",
  "listingId",
  "provider",
  "providerKey",
  "urlCiphertext",
  "etag",
  "lastModified",
  "bodyHash",
  "lastFullFetchAt",
  "emptySince",
  "eventCount",
  "consecutiveFailures",
  "leaseUntil",
] as const satisfies ReadonlyArray<keyof CalendarFeed>;

/** What a sync needs of its feed, as the claim read it: the worker does not read the row again. */
export type ClaimedFeed = Pick<CalendarFeed, (typeof CLAIMED_FEED_FIELDS)[number]>;

const CLAIMED_FEED_COLUMNS = selectList(calendarFeeds, { fields: CLAIMED_FEED_FIELDS, alias: "f" });

// Claim and read in one statement, written once: the scheduler runs it every few syncs.
const claimDueStatement = preparedStatement(
  "claim_due_feeds_v5",
  `with due as (
     select d.id from calendar_feeds d
     where d.next_sync_at <= $1 and d.paused_at is null and (d.lease_until is null or d.lease_until < $2)
       and not ${openIncidentOn("d.provider_key")}
       and not ${providerHeldOn("d.provider_key", "(select l.owner_id from listings l where l.id = d.listing_id)", "$2", "$6")}
     order by d.next_sync_at
     limit $3
     for update skip locked
   )
   update calendar_feeds f set lease_owner = $4, lease_until = $5
   from due where f.id = due.id
   returning ${CLAIMED_FEED_COLUMNS}, (select l.owner_id from listings l where l.id = f.listing_id) as "ownerId"`,
);

export interface ClaimOptions {
  now?: Date;
  /** Only feeds due by then (a one-pass run gives its start, so a feed that comes due again is left to the next pass). */
  dueBy?: Date;
}

/**
 * Claims up to `limit` due feeds for one worker and returns what their syncs need. FOR UPDATE SKIP LOCKED lets
 * workers on one database share the queue without waiting on each other; the lease keeps a feed away from the
 * others while it syncs and expires if its worker dies. Feeds of a provider under an open incident are left alone,
 * and so are those told to wait: an owner's feeds after one of them was, every feed once enough owners' were.
 */
/** A claimed feed with its listing's owner: the worker shares its fetch slots fairly between owners. */
export type QueuedFeed = ClaimedFeed & { ownerId: string };

export async function claimDueFeeds(
  ctx: ServiceContext,
  input: { owner: string; limit: number; leaseMs: number } & ClaimOptions,
): Promise<QueuedFeed[]> {
  const { owner, limit, leaseMs } = input;
  const now = input.now ?? new Date();
  const dueBy = input.dueBy && input.dueBy < now ? input.dueBy : now;
  return runPrepared<QueuedFeed>(ctx.db, claimDueStatement, [
    dueBy,
    now,
    limit,
    owner,
    new Date(now.getTime() + leaseMs),
    getConfig().incidents.holdMinOwners,
  ]);
}

/** Claims one feed now (a manual sync); false when another worker holds it. */
export async function claimFeed(
  ctx: ServiceContext,
  input: { feedId: string; owner: string; leaseMs: number; now?: Date },
): Promise<boolean> {
  const { feedId, owner, leaseMs, now } = input;
  return (await takeLease(ctx, { where: eq(calendarFeeds.id, feedId), owner, leaseMs, now })).length === 1;
}

/** Gives a feed back without syncing it (a worker stopping before it started). */
export async function releaseFeed(ctx: ServiceContext, input: { feedId: string; owner: string }): Promise<void> {
  const { db } = ctx;
  const { feedId, owner } = input;
  await db
    .update(calendarFeeds)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.leaseOwner, owner)));
}

/**
 * For an incident's probe: claims one feed of the provider. Probes rotate over owners (another owner's feed than the
 * last probe's when there is one) and prefer feeds whose last error is the provider's, not a host's own 404: one
 * host's broken links must not decide whether the provider is back.
 */
export async function claimProbeFeed(
  ctx: ServiceContext,
  input: {
    providerKey: string;
    owner: string;
    leaseMs: number;
    avoidOwnerId?: string | null;
    hostErrors: readonly string[];
    now?: Date;
  },
): Promise<{ feedId: string; ownerId: string } | null> {
  const { db } = ctx;
  const { providerKey, owner, leaseMs } = input;
  const options = input;
  const now = input.now ?? new Date();
  const hostError = sql`coalesce(${calendarFeeds.lastErrorType} in (${sql.join(
    options.hostErrors.map((type) => sql`${type}`),
    sql`, `,
  )}), false)`;
  const candidate = db
    .select({ id: calendarFeeds.id })
    .from(calendarFeeds)
    .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
    .where(and(eq(calendarFeeds.providerKey, providerKey), isNull(calendarFeeds.pausedAt), leaseFree(now)))
    .orderBy(
      hostError,
      sql`${listings.ownerId} is not distinct from ${options.avoidOwnerId ?? null}`,
      sql`${calendarFeeds.lastSuccessAt} desc nulls last`,
      calendarFeeds.nextSyncAt,
    )
    .limit(1)
    .for("update", { of: calendarFeeds, skipLocked: true });
  const [claimed] = await takeLease(ctx, { where: sql`${calendarFeeds.id} in (${candidate})`, owner, leaseMs, now });
  if (!claimed) return null;
  const [listing] = await db
    .select({ ownerId: listings.ownerId })
    .from(listings)
    .where(eq(listings.id, claimed.listingId));
  return { feedId: claimed.id, ownerId: listing?.ownerId ?? "" };
}
