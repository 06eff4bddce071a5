import { getConfig } from "../../config";
import { resolveDb, type ServiceContext } from "../../db/transaction";
import { enqueueEmail } from "./enqueue-email";
import { renderEscalationEmail, type EscalationEmailFacts } from "./escalation-email";

export const escalationDedupeKey = (alertId: string) => `calendar-sync-alert-escalated:${alertId}`;

/**
 * Queues the escalation e-mail of an alert in the outbox, from the facts the policy hands over: one statement, no
 * read. Pass the alert's transaction in ctx. False when this alert's e-mail was already queued.
 */
export async function queueEscalationEmail(supportEmail: string, alert: EscalationEmailFacts, ctx?: ServiceContext): Promise<boolean> {
  const db = await resolveDb(ctx);
  const email = renderEscalationEmail(alert, getConfig().auth.url);
  return enqueueEmail(db, {
    dedupeKey: escalationDedupeKey(alert.id),
    kind: "calendar_sync_alert.escalated",
    recipient: supportEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  });
}
