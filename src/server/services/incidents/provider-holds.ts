import { desc, eq, gt, sql } from "drizzle-orm";
import { providerRetryHints } from "../../db/schema";
import type { ServiceContext } from "../../service-context";

export interface ProviderHold {
  providerKey: string;
  /** Owners whose feeds were told to wait, and until when the last of them waits. */
  owners: number;
  until: Date;
  /** The whole provider waits (hints from at least PROVIDER_HOLD_MIN_OWNERS owners), until providerWideUntil. */
  providerWide: boolean;
  providerWideUntil: Date | null;
}

const asDate = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : new Date(value);

/**
 * A feed was told to wait: its owner's feeds of the provider wait until `until` (kept if a later hint is already in
 * force).
 */
export async function hintRetryAfter(
  ctx: ServiceContext,
  hint: { providerKey: string; ownerId: string; until: Date; at: Date },
): Promise<void> {
  const { db } = ctx;
  await db.execute(sql`insert into provider_retry_hints (provider_key, owner_id, until, hinted_at)
    values (${hint.providerKey}, ${hint.ownerId}, ${hint.until}, ${hint.at})
    on conflict (provider_key, owner_id) do update set until = greatest(provider_retry_hints.until, excluded.until), hinted_at = excluded.hinted_at`);
}

/** The until of the provider-wide hold: the minOwners-th latest hint in force (null with fewer owners). */
const wideUntil = (minOwners: number) =>
  sql<
    Date | string | null
  >`(array_agg(${providerRetryHints.until} order by ${providerRetryHints.until} desc))[${minOwners}::int]`;

/** Providers with a hint in force, latest first. The provider-wide hold lasts while `minOwners` owners' hints do. */
export async function listProviderHolds(
  ctx: ServiceContext,
  input: { now: Date; minOwners: number },
): Promise<ProviderHold[]> {
  const { db } = ctx;
  const { now, minOwners } = input;
  const rows = await db
    .select({
      providerKey: providerRetryHints.providerKey,
      owners: sql<number>`count(*)::int`,
      until: sql<Date | string>`max(${providerRetryHints.until})`,
      wideUntil: wideUntil(minOwners),
    })
    .from(providerRetryHints)
    .where(gt(providerRetryHints.until, now))
    .groupBy(providerRetryHints.providerKey)
    .orderBy(desc(sql`max(${providerRetryHints.until})`))
    .limit(500);
  return rows.map((row) => ({
    providerKey: row.providerKey,
    owners: Number(row.owners),
    until: asDate(row.until)!,
    providerWide: Number(row.owners) >= minOwners,
    providerWideUntil: asDate(row.wideUntil),
  }));
}

/** Lifts every hint on a provider (an admin's decision, audited by the caller): its feeds are claimed again at once. */
export async function clearProviderHold(ctx: ServiceContext, providerKey: string): Promise<number> {
  const { db } = ctx;
  const rows = await db
    .delete(providerRetryHints)
    .where(eq(providerRetryHints.providerKey, providerKey))
    .returning({ ownerId: providerRetryHints.ownerId });
  return rows.length;
}
