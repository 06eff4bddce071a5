import { and, eq, ne } from "drizzle-orm";
import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";

export const LISTING_WITHDRAWN_NOTE = "annonce retirée de la plateforme";

/**
 * The platform withdrew the listing: its open alert resolves « annonce retirée de la plateforme », by the acting key
 * (or admin, or the command line). In the withdrawal's transaction; null when the listing had no open alert.
 */
export async function resolveWithdrawnListingAlert(
  ctx: ServiceContext,
  input: { listingId: string; now: Date },
): Promise<CalendarSyncAlert | null> {
  const { actor } = ctx;
  const [resolved] = await ctx.db
    .update(calendarSyncAlerts)
    .set({
      status: "resolved",
      resolvedAt: input.now,
      resolvedBy: actor.role === "admin" || actor.role === "support" ? actor.id : null,
      resolvedByApiKeyId: actor.role === "api-key" ? actor.id : null,
      resolvedAutomatically: actor.role === "system",
      resolutionNote: LISTING_WITHDRAWN_NOTE,
      updatedAt: input.now,
    })
    .where(and(eq(calendarSyncAlerts.listingId, input.listingId), ne(calendarSyncAlerts.status, "resolved")))
    .returning();
  if (!resolved) return null;
  await recordAudit(ctx, {
    action: "calendar_sync_alert.resolved",
    entityType: "calendar_sync_alert",
    entityId: resolved.id,
    data: { listingId: input.listingId, note: LISTING_WITHDRAWN_NOTE },
  });
  return resolved;
}
