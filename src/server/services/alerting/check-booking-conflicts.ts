import { getConfig } from "../../config";
import { logger } from "../../logger";
import { inTransaction, type ServiceContext } from "../../service-context";
import { detectConflicts, lockListingForDetection } from "../conflicts/conflicts.service";
import { sendConflictEmails } from "../notifications/send-conflict-emails";

const DAY_MS = 86_400_000;

/**
 * After a feed's stays were stored anew: the conflicts they make with the listing's other feeds open (and those gone
 * resolve), and each conflict opened tells support and the host once. A probable conflict further than
 * CONFLICT_NOTIFY_DAYS away tells nobody: it shows on the pages. Never throws: the sync is recorded either way, and
 * the next import of either feed looks again.
 */
export async function checkBookingConflicts(ctx: ServiceContext, input: { listingId: string; feedId: string; at: Date; afterFailuresHours: number | null }): Promise<number> {
  const { conflicts } = getConfig();
  if (!conflicts.enabled) return 0;
  try {
    // The conflicts and their e-mails commit together. Detections of one listing take turns (its row lock), and each
    // reads the stays committed before it: of two workers storing its two feeds at once, the second sees both.
    return await inTransaction(ctx, async (tx) => {
      await lockListingForDetection(tx, input.listingId);
      const opened = await detectConflicts(tx, { listingId: input.listingId, feedId: input.feedId, now: input.at, arrivedAfterHours: input.afterFailuresHours });
      const notifyUntil = input.at.getTime() + conflicts.notifyDays * DAY_MS;
      for (const conflict of opened) {
        if (conflict.certainty === "probable" && new Date(`${conflict.firstNight}T00:00:00Z`).getTime() > notifyUntil) continue;
        await sendConflictEmails(tx, { facts: conflict, hostEmail: conflict.hostEmail });
      }
      return opened.length;
    });
  } catch (error) {
    logger.error({ err: error, feedId: input.feedId }, "booking conflicts could not be checked");
    return 0;
  }
}
