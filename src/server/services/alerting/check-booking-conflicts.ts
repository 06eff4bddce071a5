import { getConfig } from "../../config";
import { logger } from "../../logger";
import type { ServiceContext } from "../../service-context";
import { detectConflicts } from "../conflicts/conflicts.service";

/**
 * After a feed's stays were stored anew: the conflicts they make with the listing's other feeds open (and those gone
 * resolve). Nobody is told yet: confirmBookingConflicts tells support and the host once the conflict has survived a
 * second look. Never throws: the sync is recorded either way, and the next import of either feed looks again.
 */
export async function checkBookingConflicts(
  ctx: ServiceContext,
  input: { listingId: string; feedId: string; at: Date; afterFailuresHours: number | null },
): Promise<number> {
  if (!getConfig().conflicts.enabled) return 0;
  try {
    const opened = await detectConflicts(ctx, {
      listingId: input.listingId,
      feedId: input.feedId,
      now: input.at,
      arrivedAfterHours: input.afterFailuresHours,
    });
    return opened.length;
  } catch (error) {
    logger.error({ err: error, feedId: input.feedId }, "booking conflicts could not be checked");
    return 0;
  }
}
