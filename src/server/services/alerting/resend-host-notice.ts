import { and, desc, eq, isNotNull } from "drizzle-orm";
import { alertFailures, calendarSyncAlerts } from "../../db/schema";
import { withTransaction, type ServiceContext } from "../../db/transaction";
import { ConflictError, NotFoundError } from "../../errors";
import { authorizeViewer, type Viewer } from "../../auth/viewer";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { isEntityId } from "../../validation";
import { recordAudit } from "../audit/record-audit";
import { markHostNotified } from "../alerts/mark-host-notified";
import { hostNoticeKey, sendHostNotice } from "../notifications/send-host-notice";

const RESEND_INTERVAL_MS = 60 * 60_000;

/** Support sends the host notice again by hand: an open alert, at most once an hour, audited. */
export async function resendHostNotice(viewer: Viewer, alertId: string, ctx: ServiceContext): Promise<{ hostNotifiedAt: string }> {
  authorizeViewer(viewer, BACK_OFFICE_ROLES);
  if (!isEntityId(alertId)) throw new NotFoundError("Alerte", alertId);
  return withTransaction(ctx, async (tx) => {
    const [alert] = await tx.select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.id, alertId)).limit(1);
    if (!alert) throw new NotFoundError("Alerte", alertId);
    if (alert.status === "resolved") throw new ConflictError("Cette alerte est résolue : rien à signaler à l'hôte.");
    const [failure] = await tx
      .select({ feedId: alertFailures.feedId, errorType: alertFailures.errorType })
      .from(alertFailures)
      .where(and(eq(alertFailures.alertId, alertId), isNotNull(alertFailures.feedId)))
      .orderBy(desc(alertFailures.occurredAt), desc(alertFailures.id))
      .limit(1);
    if (!failure?.feedId) throw new ConflictError("Aucun calendrier en cause n'est connu pour cette alerte.");
    const now = new Date();
    if (!(await markHostNotified(tx, alertId, now, new Date(now.getTime() - RESEND_INTERVAL_MS)))) {
      throw new ConflictError("L'hôte a déjà été prévenu il y a moins d'une heure.", { hostNotifiedAt: alert.hostNotifiedAt?.toISOString() ?? null });
    }
    await sendHostNotice(tx, { dedupeKey: hostNoticeKey(alertId, now), feedId: failure.feedId, errorType: failure.errorType });
    await recordAudit(tx, { actorId: viewer.id, action: "calendar_sync_alert.host_notice_resent", entityType: "calendar_sync_alert", entityId: alertId, data: { feedId: failure.feedId } });
    return { hostNotifiedAt: now.toISOString() };
  });
}
