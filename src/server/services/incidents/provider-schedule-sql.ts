import { and, eq, gt, sql } from "drizzle-orm";
import { providerRetryHints } from "../../db/schema";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";

// What the sync engine's schedule asks of the providers, written here once for its Drizzle statements and its
// prepared SQL alike: the circuit breaker (an open incident) and the holds (Retry-After hints).

/** SQL: whether an open incident covers the provider `providerKey` names (a column or an expression). */
export const openIncidentOn = (providerKey: string) =>
  `exists (select 1 from provider_incidents i where i.provider_key = ${providerKey} and i.status = 'open')`;

/**
 * SQL: whether a feed of the provider `providerKey` and owner `ownerId` must wait at `now`: its owner's hint in force,
 * or hints in force from at least `minOwners` owners (the provider-wide hold). Each argument is SQL text.
 */
export const providerHeldOn = (providerKey: string, ownerId: string, now: string, minOwners: string) =>
  `exists (select 1 from provider_retry_hints h where h.provider_key = ${providerKey} and h.until > ${now}
     and (h.owner_id = ${ownerId}
       or (select count(*) from provider_retry_hints w where w.provider_key = ${providerKey} and w.until > ${now}) >= ${minOwners}))`;

const asDate = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : new Date(value);

/**
 * Until when a feed of this provider and owner must wait, by the rule the worker's claim applies (providerHeldOn):
 * the owner's hint, or the provider-wide hold (the minOwners-th latest hint in force). Null when it may go now.
 */
export async function providerHoldUntil(
  ctx: ServiceContext,
  input: { providerKey: string; ownerId: string; now: Date; minOwners: number },
): Promise<Date | null> {
  const { providerKey, ownerId, now, minOwners } = input;
  const [row] = await ctx.db
    .select({
      own: sql<
        Date | string | null
      >`max(${providerRetryHints.until}) filter (where ${providerRetryHints.ownerId} = ${ownerId})`,
      wide: sql<
        Date | string | null
      >`(array_agg(${providerRetryHints.until} order by ${providerRetryHints.until} desc))[${minOwners}::int]`,
    })
    .from(providerRetryHints)
    .where(and(eq(providerRetryHints.providerKey, providerKey), gt(providerRetryHints.until, now)));
  const times = [asDate(row?.own), asDate(row?.wide)].filter((time): time is Date => time !== null);
  return times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : null;
}

const openIncidentProvidersStatement = preparedStatement(
  "open_incident_providers_v1",
  `select provider_key as "providerKey" from provider_incidents where status = 'open'`,
);

/** Providers under an open incident now: the scheduler gives back their queued feeds unfetched. */
export async function providersUnderIncident(ctx: ServiceContext): Promise<Set<string>> {
  const rows = await runPrepared<{ providerKey: string }>(ctx.db, openIncidentProvidersStatement, []);
  return new Set(rows.map((row) => row.providerKey));
}
