import { eq } from "drizzle-orm";
import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import { inTransaction, type ServiceContext } from "../../service-context";
import { authorizeReader } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { ConflictError, NotFoundError, ValidationError, words } from "../../errors";
import { recordAudit } from "../audit/audit.service";
import { isEntityId, paragraphText } from "../../validation";
import { getAlertDtoOrThrow, type AlertDTO } from "./read-alert-dto";

export const ResolutionNote = paragraphText().trim().max(2000, "La note ne doit pas dépasser 2000 caractères.");

/**
 * active|escalated → resolved by the acting support user, or a platform's key holding alerts:write (recorded as the
 * key). Unknown id → NotFoundError; already resolved → ConflictError; anyone else → ForbiddenError.
 */
export async function resolveAlert(
  ctx: ServiceContext,
  input: { alertId: string; note?: string | null; now?: Date },
): Promise<AlertDTO> {
  return (await resolveAlertWithRow(ctx, input)).dto;
}

/** resolveAlert, with the resolved row beside its DTO: the policy reads its Dates, the HTTP edge the DTO. */
export async function resolveAlertWithRow(
  ctx: ServiceContext,
  input: { alertId: string; note?: string | null; now?: Date },
): Promise<{ row: CalendarSyncAlert; dto: AlertDTO }> {
  const { alertId } = input;
  const resolver = authorizeReader(ctx.actor, BACK_OFFICE_ROLES, "alerts:write");
  const byKey = resolver.role === "api-key";
  const parsedNote = ResolutionNote.optional().nullable().safeParse(input.note);
  if (!parsedNote.success) throw new ValidationError(words("badResolutionNote"), parsedNote.error.issues);
  const resolutionNote = parsedNote.data ? parsedNote.data : null;

  if (!isEntityId(alertId)) throw new NotFoundError("Alerte", alertId);
  return inTransaction(ctx, async (tx) => {
    // The row lock serialises two agents resolving at once: the second sees "resolved" and gets a conflict.
    const [current] = await tx.db
      .select({ status: calendarSyncAlerts.status, resolvedAt: calendarSyncAlerts.resolvedAt })
      .from(calendarSyncAlerts)
      .where(eq(calendarSyncAlerts.id, alertId))
      .for("update");
    if (!current) throw new NotFoundError("Alerte", alertId);
    if (current.status === "resolved") {
      throw new ConflictError(words("alertResolved"), {
        resolvedAt: current.resolvedAt?.toISOString() ?? null,
      });
    }
    const resolvedAt = input.now ?? new Date();
    const [row] = await tx.db
      .update(calendarSyncAlerts)
      .set({
        status: "resolved",
        resolvedAt,
        resolvedBy: byKey ? null : resolver.id,
        resolvedByApiKeyId: byKey ? resolver.id : null,
        resolutionNote,
        resolvedAutomatically: false,
        updatedAt: resolvedAt,
      })
      .where(eq(calendarSyncAlerts.id, alertId))
      .returning();
    await recordAudit(tx, {
      action: "calendar_sync_alert.resolved",
      entityType: "calendar_sync_alert",
      entityId: alertId,
      data: { previousStatus: current.status, note: resolutionNote },
    });
    return { row: row!, dto: await getAlertDtoOrThrow(tx, alertId) };
  });
}
