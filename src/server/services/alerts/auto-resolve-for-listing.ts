import { and, eq, ne } from "drizzle-orm";
import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import { inTransaction, type ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";

/**
 * Called when every feed of a listing syncs again: closes its open alert, if any. The alert stays in the
 * history; a later failure opens a new one starting at one attempt.
 */
export async function autoResolveForListing(
  ctx: ServiceContext,
  input: { listingId: string; note?: string; now?: Date },
): Promise<CalendarSyncAlert | null> {
  const { listingId } = input;
  return inTransaction(ctx, async (tx) => {
    const resolvedAt = input.now ?? new Date();
    const [resolved] = await tx.db
      .update(calendarSyncAlerts)
      .set({
        status: "resolved",
        resolvedAt,
        resolvedBy: null,
        resolvedAutomatically: true,
        resolutionNote: input.note ?? "Synchronisation rétablie",
        updatedAt: resolvedAt,
      })
      .where(and(eq(calendarSyncAlerts.listingId, listingId), ne(calendarSyncAlerts.status, "resolved")))
      .returning();
    if (!resolved) return null;
    await recordAudit(tx, {
      actorId: null,
      action: "calendar_sync_alert.auto_resolved",
      entityType: "calendar_sync_alert",
      entityId: resolved.id,
      data: { listingId, failedAttempts: resolved.failedAttempts },
    });
    return resolved;
  });
}
