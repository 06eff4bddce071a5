import { and, eq } from "drizzle-orm";
import { bookingConflicts } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import { recordEvent } from "../events/events.service";

/** How a conflict of a withdrawn listing ends, in its history. */
export const LISTING_WITHDRAWN_RESOLUTION = "annonce retirée de la plateforme";

/** The platform withdrew the listing: its open conflicts close. In the withdrawal's transaction. */
export async function closeConflictsOfListing(
  ctx: ServiceContext,
  input: { listingId: string; now: Date },
): Promise<number> {
  const closed = await ctx.db
    .update(bookingConflicts)
    .set({ status: "resolved", resolvedAt: input.now, resolution: LISTING_WITHDRAWN_RESOLUTION, updatedAt: input.now })
    .where(and(eq(bookingConflicts.status, "open"), eq(bookingConflicts.listingId, input.listingId)))
    .returning({ id: bookingConflicts.id });
  for (const conflict of closed) {
    await recordAudit(ctx, {
      action: "booking_conflict.resolved",
      entityType: "booking_conflict",
      entityId: conflict.id,
      data: { resolution: LISTING_WITHDRAWN_RESOLUTION },
    });
    await recordEvent(ctx, {
      type: "conflict.resolved",
      conflictId: conflict.id,
      how: "withdrawn",
      resolvedAt: input.now.toISOString(),
    });
  }
  return closed.length;
}
