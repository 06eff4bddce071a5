import { getConfig } from "../../config";
import { resolveDb, type ServiceContext } from "../../db/transaction";
import { getAlertDtoOrThrow } from "../support/alerts/alert-dto";
import { enqueueEmail } from "./enqueue-email";
import { renderEscalationEmail } from "./escalation-email";

export const escalationDedupeKey = (alertId: string) => `calendar-sync-alert-escalated:${alertId}`;

/**
 * Queues the escalation e-mail of an alert in the outbox (the outbox sender delivers it over SMTP).
 * Pass the alert's transaction in ctx. Returns false when this alert's e-mail was already queued.
 */
export async function sendEscalationEmail(supportEmail: string, alertId: string, ctx?: ServiceContext): Promise<boolean> {
  const db = await resolveDb(ctx);
  const alert = await getAlertDtoOrThrow(db, alertId);
  const email = renderEscalationEmail(alert, getConfig().auth.url);
  return enqueueEmail(db, {
    dedupeKey: escalationDedupeKey(alertId),
    kind: "calendar_sync_alert.escalated",
    recipient: supportEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  });
}
