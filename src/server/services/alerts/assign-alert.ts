import { eq } from "drizzle-orm";
import { alertEvents, calendarSyncAlerts } from "../../db/schema";
import { findActiveBackOfficeUser } from "../users/users.service";
import { inTransaction, type ServiceContext } from "../../service-context";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { UnprocessableError, words } from "../../errors";
import { recordAudit } from "../audit/audit.service";
import { getAlertDtoOrThrow, type AlertDTO } from "./read-alert-dto";
import { lockAlert } from "./lock-alert";

/**
 * Gives an open alert to a support or admin user (« Je m'en occupe » gives it to oneself), or to nobody (null).
 * The same owner again changes nothing; a resolved alert → ConflictError; a user who is not an active support or
 * admin account → UnprocessableError (422). Each change goes to the timeline and the audit log.
 */
export async function assignAlert(
  ctx: ServiceContext,
  input: { alertId: string; userId: string | null; now?: Date },
): Promise<AlertDTO> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  return inTransaction(ctx, async (tx) => {
    const alert = await lockAlert(tx, { alertId: input.alertId, open: true });
    let assignee: { id: string; name: string } | null = null;
    if (input.userId !== null) {
      const found = await findActiveBackOfficeUser(tx, input.userId);
      if (!found) throw new UnprocessableError(words("assignOnlyStaff"), { userId: input.userId });
      assignee = found;
    }
    if (alert.assigneeId !== (assignee?.id ?? null)) {
      const now = input.now ?? new Date();
      await tx.db
        .update(calendarSyncAlerts)
        .set({ assigneeId: assignee?.id ?? null, updatedAt: now })
        .where(eq(calendarSyncAlerts.id, alert.id));
      const data = {
        assigneeId: assignee?.id ?? null,
        assigneeName: assignee?.name ?? null,
        previousAssigneeId: alert.assigneeId,
      };
      await tx.db.insert(alertEvents).values({
        alertId: alert.id,
        kind: assignee ? "assigned" : "unassigned",
        actorId: ctx.actor.id,
        data,
        occurredAt: now,
      });
      await recordAudit(tx, {
        action: assignee ? "calendar_sync_alert.assigned" : "calendar_sync_alert.unassigned",
        entityType: "calendar_sync_alert",
        entityId: alert.id,
        data,
      });
    }
    return getAlertDtoOrThrow(tx, alert.id);
  });
}
