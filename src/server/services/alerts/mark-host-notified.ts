import { and, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { calendarSyncAlerts } from "../../db/schema";
import type { ServiceContext } from "../../service-context";

/**
 * Marks the alert's host as notified now, if allowed: the first notice only once (`notBefore` null), a resend
 * only when the last one is older than `notBefore`. One conditional update, so two agents (or two syncs) cannot
 * both send. Returns false when the notice must not go out.
 */
export async function markHostNotified(
  ctx: ServiceContext,
  input: { alertId: string; now: Date; notBefore: Date | null },
): Promise<boolean> {
  const { alertId, now, notBefore } = input;
  const allowed: SQL | undefined =
    notBefore === null
      ? isNull(calendarSyncAlerts.hostNotifiedAt)
      : or(isNull(calendarSyncAlerts.hostNotifiedAt), lt(calendarSyncAlerts.hostNotifiedAt, notBefore));
  const updated = await ctx.db
    .update(calendarSyncAlerts)
    .set({ hostNotifiedAt: now })
    .where(and(eq(calendarSyncAlerts.id, alertId), allowed))
    .returning({ id: calendarSyncAlerts.id });
  return updated.length === 1;
}
