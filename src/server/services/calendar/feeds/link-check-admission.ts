import { and, eq, gt, sql } from "drizzle-orm";
import { hostLinkChecks } from "../../../db/schema";
import { lockUser } from "../../users/users.service";
import { withTransaction } from "../../../db/transaction";
import { TooSoonError, words } from "../../../errors";
import type { ServiceContext } from "../../../service-context";

export interface LinkCheckLimits {
  savesPerHour: number;
  inFlight: number;
  /** How long an unfinished check counts as in flight (its fetch and parse limits, and a margin). */
  leaseMs: number;
}

const HOUR_MS = 3_600_000;
// A host at its checks in flight retries in a few seconds: a check lasts at most a fetch timeout.
const IN_FLIGHT_RETRY_SECONDS = 5;

/**
 * Admits one link check for a host (a save: add or replace), or refuses it with 429 and when to retry: at most
 * `savesPerHour` in the last hour and `inFlight` unfinished. The host's user row is locked while counting, so
 * concurrent saves of one host are admitted one at a time and never together past a limit. Returns the check's id.
 */
export async function admitLinkCheck(
  ctx: ServiceContext,
  input: { hostId: string; limits: LinkCheckLimits; now: Date },
): Promise<string> {
  const { db } = ctx;
  const { hostId, limits, now } = input;
  return withTransaction({ db }, async (tx) => {
    await lockUser(tx, hostId);
    const hourAgo = new Date(now.getTime() - HOUR_MS);
    const [counts] = await tx
      .select({
        lastHour: sql<number>`count(*)::int`,
        oldest: sql<Date | string | null>`min(${hostLinkChecks.startedAt})`,
        inFlight: sql<number>`(count(*) filter (where ${hostLinkChecks.finishedAt} is null and ${hostLinkChecks.expiresAt} > ${now}))::int`,
      })
      .from(hostLinkChecks)
      .where(and(eq(hostLinkChecks.hostId, hostId), gt(hostLinkChecks.startedAt, hourAgo)));
    if (Number(counts?.lastHour ?? 0) >= limits.savesPerHour) {
      const retryAt = new Date(counts!.oldest!).getTime() + HOUR_MS;
      const minutes = Math.max(1, Math.ceil((retryAt - now.getTime()) / 60_000));
      throw new TooSoonError(words("savesPerHour", { max: limits.savesPerHour, minutes }), minutes * 60);
    }
    if (Number(counts?.inFlight ?? 0) >= limits.inFlight) {
      throw new TooSoonError(words("linkChecksInFlight", { count: limits.inFlight }), IN_FLIGHT_RETRY_SECONDS);
    }
    const [check] = await tx
      .insert(hostLinkChecks)
      .values({ hostId, startedAt: now, expiresAt: new Date(now.getTime() + limits.leaseMs) })
      .returning({ id: hostLinkChecks.id });
    return check!.id;
  });
}

/** The check is over: it no longer counts as in flight (it still counts among the hour's saves). */
export async function finishLinkCheck(ctx: ServiceContext, input: { checkId: string; now: Date }): Promise<void> {
  const { db } = ctx;
  const { checkId, now } = input;
  await db.update(hostLinkChecks).set({ finishedAt: now }).where(eq(hostLinkChecks.id, checkId));
}
