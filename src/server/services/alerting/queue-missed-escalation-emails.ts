import { and, eq, gt, sql } from "drizzle-orm";
import { calendarSyncAlerts, emailOutbox, listings } from "../../db/schema";
import { getConfig } from "../../config";
import { escalationDedupeKey } from "../notifications/send-escalation-email";
import { queueEscalationEmailOf } from "./escalation-email-of";
import type { ServiceContext } from "../../service-context";

// Well inside the outbox's retention, so a sent and since deleted e-mail is never queued again.
const LOOK_BACK_MS = 86_400_000;

/**
 * An alert escalated outside a transaction (createCalendarSyncAlert alone) commits before its e-mail is queued.
 * If the process died in between, this queues it: escalated in the last day, no e-mail under its dedupe key.
 * Returns how many it queued.
 */
export async function queueMissedEscalationEmails(ctx: ServiceContext, input: { now?: Date }): Promise<number> {
  const { now = new Date() } = input;
  const missed = await ctx.db
    .select({ alert: calendarSyncAlerts, listingTitle: listings.title })
    .from(calendarSyncAlerts)
    .leftJoin(listings, eq(listings.id, calendarSyncAlerts.listingId))
    .where(
      and(
        eq(calendarSyncAlerts.status, "escalated"),
        gt(calendarSyncAlerts.escalatedAt, new Date(now.getTime() - LOOK_BACK_MS)),
        sql`not exists (select 1 from ${emailOutbox} o where o.dedupe_key = ${escalationDedupeKey("")} || ${calendarSyncAlerts.id})`,
      ),
    )
    .limit(100);
  let queued = 0;
  for (const escalating of missed)
    if (await queueEscalationEmailOf(ctx, { supportEmail: getConfig().mail.supportEmail, escalating })) queued++;
  return queued;
}
