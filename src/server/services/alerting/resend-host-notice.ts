import { inTransaction, type ServiceContext } from "../../service-context";
import { ConflictError, NotFoundError, words } from "../../errors";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { isEntityId } from "../../validation";
import { recordAudit } from "../audit/audit.service";
import { latestFailureWithFeed, lockAlert, markHostNotified } from "../alerts/alerts.service";
import { hostNoticeKey, recordHostNotice } from "./alert-events";

const RESEND_INTERVAL_MS = 60 * 60_000;

/** Support sends the host notice again by hand: an open alert, at most once an hour, audited. */
export async function resendHostNotice(ctx: ServiceContext, alertId: string): Promise<{ hostNotifiedAt: string }> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  if (!isEntityId(alertId)) throw new NotFoundError("Alerte", alertId);
  return inTransaction(ctx, async (tx) => {
    const alert = await lockAlert(tx, { alertId });
    if (alert.status === "resolved") throw new ConflictError(words("alertResolvedNoNotice"));
    const failure = await latestFailureWithFeed(tx, alertId);
    if (!failure) throw new ConflictError(words("noFeedForAlert"));
    const now = new Date();
    if (!(await markHostNotified(tx, { alertId, now, notBefore: new Date(now.getTime() - RESEND_INTERVAL_MS) }))) {
      throw new ConflictError(words("hostNotifiedRecently"), {
        hostNotifiedAt: alert.hostNotifiedAt?.toISOString() ?? null,
      });
    }
    await recordHostNotice(tx, {
      key: hostNoticeKey(alertId, now),
      feedId: failure.feedId,
      errorType: failure.errorType,
    });
    await recordAudit(tx, {
      action: "calendar_sync_alert.host_notice_resent",
      entityType: "calendar_sync_alert",
      entityId: alertId,
      data: { feedId: failure.feedId },
    });
    return { hostNotifiedAt: now.toISOString() };
  });
}
