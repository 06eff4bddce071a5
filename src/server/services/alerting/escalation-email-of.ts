import type { CalendarSyncAlert } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import type { EscalationEmailFacts } from "../notifications/escalation-email";
import { queueEscalationEmail } from "../notifications/send-escalation-email";

/** What the escalation e-mail says, from the alert row and its listing's title. */
export function escalationFactsOf(alert: CalendarSyncAlert, listingTitle: string | null): EscalationEmailFacts {
  return {
    id: alert.id,
    // The title is always there (the alert's listing exists); the id names the listing if it ever were not.
    listing: { id: alert.listingId, title: listingTitle ?? alert.listingId },
    errorType: alert.errorType,
    errorMessage: alert.errorMessage,
    failedAttempts: alert.failedAttempts,
    escalationReason: alert.escalationReason,
    firstFailedAt: alert.firstFailedAt.toISOString(),
    lastFailedAt: alert.lastFailedAt.toISOString(),
  };
}

/**
 * Queues the e-mail of the failure that escalated the alert, from what countAlertFailure returned (the row and the
 * listing's title, read by the same statement): no read. Pass the failure's transaction in ctx.
 */
export async function queueEscalationEmailOf(
  ctx: ServiceContext,
  input: { supportEmail: string; escalating: { alert: CalendarSyncAlert; listingTitle: string | null } },
): Promise<boolean> {
  return queueEscalationEmail(ctx, {
    supportEmail: input.supportEmail,
    alert: escalationFactsOf(input.escalating.alert, input.escalating.listingTitle),
  });
}
