import { getConfig } from "../../config";
import { logger } from "../../logger";
import { inTransaction, type ServiceContext } from "../../service-context";
import { detectConflicts, type OpenedConflict } from "../conflicts/conflicts.service";
import { sendConflictEmails } from "../notifications/send-conflict-emails";

const DAY_MS = 86_400_000;

/** Whether a conflict opened at `at` tells support and the host: always when certain; when probable, if near enough. */
export function conflictNotifies(conflict: Pick<OpenedConflict, "certainty" | "firstNight">, at: Date): boolean {
  if (conflict.certainty === "certain") return true;
  return new Date(`${conflict.firstNight}T00:00:00Z`).getTime() <= at.getTime() + getConfig().conflicts.notifyDays * DAY_MS;
}

/**
 * After a feed's stays were stored anew: the conflicts they make with the listing's other feeds open (and those gone
 * resolve), and each conflict opened tells support and the host once. A probable conflict further than
 * CONFLICT_NOTIFY_DAYS away tells nobody: it shows on the pages. The detection commits on its own, then the e-mails
 * are queued; if the process stops in between, queueMissedConflictEmails (run by the worker) queues them. Never
 * throws: the sync is recorded either way, and the next import of either feed looks again.
 */
export async function checkBookingConflicts(ctx: ServiceContext, input: { listingId: string; feedId: string; at: Date; afterFailuresHours: number | null }): Promise<number> {
  if (!getConfig().conflicts.enabled) return 0;
  try {
    const opened = await detectConflicts(ctx, { listingId: input.listingId, feedId: input.feedId, now: input.at, arrivedAfterHours: input.afterFailuresHours });
    const told = opened.filter((conflict) => conflictNotifies(conflict, input.at));
    if (told.length > 0) {
      await inTransaction(ctx, async (tx) => {
        for (const conflict of told) await sendConflictEmails(tx, { facts: conflict, hostEmail: conflict.hostEmail });
      });
    }
    return opened.length;
  } catch (error) {
    logger.error({ err: error, feedId: input.feedId }, "booking conflicts could not be checked");
    return 0;
  }
}
