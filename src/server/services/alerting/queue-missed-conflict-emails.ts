import { and, asc, eq, gt, sql } from "drizzle-orm";
import { bookingConflicts, emailOutbox, listings, users } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { sendConflictEmails } from "../notifications/send-conflict-emails";
import { conflictNotifies } from "./check-booking-conflicts";
import { getConfig } from "../../config";

// Well inside the outbox's retention, so a sent and since deleted e-mail is never queued again.
const LOOK_BACK_MS = 86_400_000;

/**
 * A conflict is opened by one statement and its e-mails queued just after: if the process stopped in between, this
 * queues them (open, detected in the last day, no support e-mail under its dedupe key). Returns how many it queued.
 */
export async function queueMissedConflictEmails(ctx: ServiceContext, input: { now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  const missed = await ctx.db
    .select({ conflict: bookingConflicts, listingTitle: listings.title, hostName: users.name, hostEmail: users.email })
    .from(bookingConflicts)
    .innerJoin(listings, eq(listings.id, bookingConflicts.listingId))
    .innerJoin(users, eq(users.id, listings.ownerId))
    .where(
      and(
        eq(bookingConflicts.status, "open"),
        gt(bookingConflicts.detectedAt, new Date(now.getTime() - LOOK_BACK_MS)),
        sql`not exists (select 1 from ${emailOutbox} o where o.dedupe_key = 'booking-conflict:' || ${bookingConflicts.id} || ':support')`,
        // Only those that tell someone (conflictNotifies, in SQL): the far probable ones, which never have an e-mail,
        // would otherwise fill every batch and keep the missed ones out.
        sql`(${bookingConflicts.certainty} = 'certain'
          or ${bookingConflicts.firstNight} <= ((${bookingConflicts.detectedAt} at time zone 'UTC') + make_interval(days => ${getConfig().conflicts.notifyDays}::int))::date)`,
      ),
    )
    .orderBy(asc(bookingConflicts.detectedAt))
    .limit(100);
  let queued = 0;
  for (const { conflict, listingTitle, hostName, hostEmail } of missed) {
    if (!conflictNotifies(conflict, conflict.detectedAt)) continue;
    const facts = {
      id: conflict.id,
      listingTitle,
      hostName,
      certainty: conflict.certainty,
      firstNight: conflict.firstNight,
      lastNight: conflict.lastNight,
      nights: conflict.nights,
      providers: [conflict.providerA, conflict.providerB] as [string, string],
      arrivedAfterHours: conflict.arrivedAfterHours,
    };
    queued += await sendConflictEmails(ctx, { facts, hostEmail });
  }
  return queued;
}
