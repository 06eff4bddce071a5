import { eq } from "drizzle-orm";
import { getConfig } from "../../config";
import { calendarFeeds, listings, users } from "../../db/schema";
import { NotFoundError } from "../../errors";
import { enqueueEmail } from "./enqueue-email";
import { renderHostNoticeEmail } from "./host-notice-email";
import type { ServiceContext } from "../../service-context";
import type { SyncErrorType } from "../../shared/sync-error-types";

/** The notice about an alert marked at `at` (the first one, or an allowed resend): each exists once in the outbox. */
export const hostNoticeKey = (alertId: string, at: Date) => `host-notice:${alertId}:${at.toISOString()}`;

/**
 * Queues the plain-language notice to the owner of the feed's listing, in the caller's transaction; the dedupe
 * key (the alert and the time it was marked, or the feed's emptiness episode) makes each notice exist once.
 */
export async function sendHostNotice(
  ctx: ServiceContext,
  notice: { dedupeKey: string; feedId: string; errorType: SyncErrorType },
): Promise<boolean> {
  const { db } = ctx;
  const [row] = await db
    .select({
      listingTitle: listings.title,
      hostName: users.name,
      hostEmail: users.email,
      providerKey: calendarFeeds.providerKey,
      feedLabel: calendarFeeds.provider,
      lastSuccessAt: calendarFeeds.lastSuccessAt,
    })
    .from(calendarFeeds)
    .innerJoin(listings, eq(listings.id, calendarFeeds.listingId))
    .innerJoin(users, eq(users.id, listings.ownerId))
    .where(eq(calendarFeeds.id, notice.feedId))
    .limit(1);
  if (!row) throw new NotFoundError("Flux calendrier", notice.feedId);
  const email = renderHostNoticeEmail(
    { ...row, everRead: row.lastSuccessAt !== null, errorType: notice.errorType },
    getConfig().auth.url,
  );
  return enqueueEmail(ctx, {
    dedupeKey: notice.dedupeKey,
    kind: "calendar_sync_alert.host_notice",
    recipient: row.hostEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  });
}
