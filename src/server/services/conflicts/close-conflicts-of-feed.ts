import { and, eq, or } from "drizzle-orm";
import { bookingConflicts } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import { recordEvent } from "../events/events.service";

/** A feed removed takes its stays with it: its open conflicts resolve (« calendrier retiré »). In the removal's transaction. */
export async function closeConflictsOfFeed(ctx: ServiceContext, input: { feedId: string; now: Date }): Promise<number> {
  const closed = await ctx.db
    .update(bookingConflicts)
    .set({ status: "resolved", resolvedAt: input.now, resolution: "calendrier retiré", updatedAt: input.now })
    .where(
      and(
        eq(bookingConflicts.status, "open"),
        or(eq(bookingConflicts.feedAId, input.feedId), eq(bookingConflicts.feedBId, input.feedId)),
      ),
    )
    .returning({ id: bookingConflicts.id });
  for (const conflict of closed) {
    await recordAudit(ctx, {
      action: "booking_conflict.resolved",
      entityType: "booking_conflict",
      entityId: conflict.id,
      data: { resolution: "calendrier retiré", feedId: input.feedId },
    });
    // Told or not, the store says it closed; only a told one has an event to follow (conflict.detected).
    await recordEvent(ctx, {
      type: "conflict.resolved",
      conflictId: conflict.id,
      how: "vanished",
      resolvedAt: input.now.toISOString(),
    });
  }
  return closed.length;
}
