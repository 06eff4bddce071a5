import { and, eq, ne } from "drizzle-orm";
import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import { withTransaction, type ServiceContext } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";

/**
 * Called when every feed of a listing syncs again: closes its open alert, if any. The alert stays in the
 * history; a later failure opens a new one starting at one attempt.
 */
export async function autoResolveForListing(listingId: string, ctx?: ServiceContext & { note?: string; now?: Date }): Promise<CalendarSyncAlert | null> {
  return withTransaction(ctx, async (tx) => {
    const resolvedAt = ctx?.now ?? new Date();
    const [resolved] = await tx
      .update(calendarSyncAlerts)
      .set({
        status: "resolved",
        resolvedAt,
        resolvedBy: null,
        resolvedAutomatically: true,
        resolutionNote: ctx?.note ?? "Synchronisation rétablie",
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
