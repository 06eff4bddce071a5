import { and, eq, sql } from "drizzle-orm";
import { calendarFeeds } from "../../../db/schema";
import type { Database } from "../../../db/database";

const leaseFree = (now: Date) => sql`(${calendarFeeds.leaseUntil} is null or ${calendarFeeds.leaseUntil} < ${now})`;

/**
 * Claims up to `limit` due feeds for one worker. FOR UPDATE SKIP LOCKED lets workers on one database share
 * the queue without waiting on each other; the lease keeps a feed away from the others while it syncs and
 * expires if its worker dies.
 */
export async function claimDueFeeds(db: Database, owner: string, limit: number, leaseMs: number, now = new Date()): Promise<string[]> {
  const due = db
    .select({ id: calendarFeeds.id })
    .from(calendarFeeds)
    .where(and(sql`${calendarFeeds.nextSyncAt} <= ${now}`, leaseFree(now)))
    .orderBy(calendarFeeds.nextSyncAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(calendarFeeds)
    .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(sql`${calendarFeeds.id} in (${due})`)
    .returning({ id: calendarFeeds.id });
  return claimed.map((row) => row.id);
}

/** Claims one feed now (a manual sync); false when another worker holds it. */
export async function claimFeed(db: Database, feedId: string, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
  const claimed = await db
    .update(calendarFeeds)
    .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(calendarFeeds.id, feedId), leaseFree(now)))
    .returning({ id: calendarFeeds.id });
  return claimed.length === 1;
}

/** Gives a feed back without syncing it (a worker stopping before it started). */
export async function releaseFeed(db: Database, feedId: string, owner: string): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.leaseOwner, owner)));
}
