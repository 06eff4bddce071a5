import { eq } from "drizzle-orm";
import { calendarSyncAlerts } from "../../db/schema";
import { withTransaction, type ServiceContext } from "../../db/transaction";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { isEntityId, paragraphText } from "../../validation";
import { getAlertDtoOrThrow, type AlertDTO } from "./alert-dto";

export const ResolutionNote = paragraphText().trim().max(2000, "La note ne doit pas dépasser 2000 caractères.");

/** active|escalated → resolved by a support user. Unknown id → NotFoundError; already resolved → ConflictError. */
export async function resolveAlert(alertId: string, supportUserId: string, note?: string | null, ctx?: ServiceContext & { now?: Date }): Promise<AlertDTO> {
  const parsedNote = ResolutionNote.optional().nullable().safeParse(note);
  if (!parsedNote.success) throw new ValidationError("Note de résolution invalide.", parsedNote.error.issues);
  const resolutionNote = parsedNote.data ? parsedNote.data : null;

  if (!isEntityId(alertId)) throw new NotFoundError("Alerte", alertId);
  return withTransaction(ctx, async (tx) => {
    // The row lock serialises two agents resolving at once: the second sees "resolved" and gets a conflict.
    const [current] = await tx
      .select({ status: calendarSyncAlerts.status, resolvedAt: calendarSyncAlerts.resolvedAt })
      .from(calendarSyncAlerts)
      .where(eq(calendarSyncAlerts.id, alertId))
      .for("update");
    if (!current) throw new NotFoundError("Alerte", alertId);
    if (current.status === "resolved") {
      throw new ConflictError("Cette alerte est déjà résolue.", { resolvedAt: current.resolvedAt?.toISOString() ?? null });
    }
    const resolvedAt = ctx?.now ?? new Date();
    await tx
      .update(calendarSyncAlerts)
      .set({ status: "resolved", resolvedAt, resolvedBy: supportUserId, resolutionNote, resolvedAutomatically: false, updatedAt: resolvedAt })
      .where(eq(calendarSyncAlerts.id, alertId));
    await recordAudit(tx, {
      actorId: supportUserId,
      action: "calendar_sync_alert.resolved",
      entityType: "calendar_sync_alert",
      entityId: alertId,
      data: { previousStatus: current.status, note: resolutionNote },
    });
    return getAlertDtoOrThrow(tx, alertId);
  });
}
