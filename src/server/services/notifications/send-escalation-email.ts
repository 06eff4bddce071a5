import { getConfig } from "../../config";
import type { CalendarSyncAlert } from "../../db/schema";
import { resolveDb, type ServiceContext } from "../../db/transaction";
import { getAlertDtoOrThrow, toAlertDto } from "../alerts/alert-dto";
import { enqueueEmail } from "./enqueue-email";
import { renderEscalationEmail, type EscalationEmailFacts } from "./escalation-email";

export const escalationDedupeKey = (alertId: string) => `calendar-sync-alert-escalated:${alertId}`;

/** The e-mail's facts from the alert row the escalating statement returned and its listing's title. */
function escalationFactsOf(alert: CalendarSyncAlert, listingTitle: string): EscalationEmailFacts {
  // The DTO's joined figures (resolver, staleness, upcoming stays) are not in the e-mail: left empty.
  return toAlertDto({ alert, listingTitle, resolverName: null, staleSince: null, upcomingCount: 0, firstUpcoming: null });
}

/**
 * Queues the escalation e-mail of an alert whose facts are in hand (the escalating failure read them) in the
 * outbox: one statement. Pass the alert's transaction in ctx. False when this alert's e-mail was already queued.
 */
async function queueEscalationEmail(supportEmail: string, alert: EscalationEmailFacts, ctx?: ServiceContext): Promise<boolean> {
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

/** Reads the alert, then queues its escalation e-mail (the outbox sender delivers it over SMTP). */
export async function sendEscalationEmail(supportEmail: string, alertId: string, ctx?: ServiceContext): Promise<boolean> {
  const db = await resolveDb(ctx);
  return queueEscalationEmail(supportEmail, await getAlertDtoOrThrow(db, alertId), { db });
}

/**
 * Queues the e-mail of the failure that escalated the alert, from what countAlertFailure returned (the row and the
 * listing's title, read by the same statement): no read. Pass the failure's transaction in ctx.
 */
export async function queueEscalationEmailOf(
  supportEmail: string,
  escalating: { alert: CalendarSyncAlert; listingTitle: string | null },
  ctx?: ServiceContext,
): Promise<boolean> {
  // The title is always there (the alert's listing exists); the id names the listing if it ever were not.
  const facts = escalationFactsOf(escalating.alert, escalating.listingTitle ?? escalating.alert.listingId);
  return queueEscalationEmail(supportEmail, facts, ctx);
}
