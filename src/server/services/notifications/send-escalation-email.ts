import { getConfig } from "../../config";
import type { ServiceContext } from "../../service-context";
import { enqueueEmail } from "./enqueue-email";
import { alertEscalatedData, alertResolvedData } from "./channels/event-data";
import { renderEscalationEmail, type EscalationEmailFacts } from "./escalation-email";
import { renderAlertResolvedEmail, type AlertResolvedEmailFacts } from "./alert-resolved-email";
import { renderSecondLevelEmail, type SecondLevelEmailFacts } from "./second-level-email";

export const escalationDedupeKey = (alertId: string) => `calendar-sync-alert-escalated:${alertId}`;

/**
 * Queues the escalation e-mail of an alert in the outbox, from the facts the policy hands over: one statement, no
 * read. Pass the alert's transaction in ctx. False when this alert's e-mail was already queued.
 */
export async function queueEscalationEmail(
  ctx: ServiceContext,
  input: { supportEmail: string; alert: EscalationEmailFacts },
): Promise<boolean> {
  const { supportEmail, alert } = input;
  const appUrl = getConfig().auth.url;
  const email = renderEscalationEmail(alert, appUrl);
  return enqueueEmail(ctx, {
    event: {
      dedupeKey: escalationDedupeKey(alert.id),
      type: "alert.escalated",
      data: alertEscalatedData(alert, appUrl),
      listingId: alert.listing.id,
    },
    dedupeKey: escalationDedupeKey(alert.id),
    kind: "calendar_sync_alert.escalated",
    recipient: supportEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  });
}

export const alertResolvedDedupeKey = (alertId: string) => `calendar-sync-alert-resolved:${alertId}`;

/**
 * Queues « [Résolu] … » for an escalated alert that resolved, to the escalation's recipients, answering the
 * escalation e-mail (In-Reply-To, References). Once per alert. Pass the resolution's transaction in ctx.
 */
export async function queueAlertResolvedEmail(
  ctx: ServiceContext,
  input: { supportEmail: string; alert: AlertResolvedEmailFacts },
): Promise<boolean> {
  const { supportEmail, alert } = input;
  const appUrl = getConfig().auth.url;
  const email = renderAlertResolvedEmail(alert, appUrl);
  return enqueueEmail(ctx, {
    event: {
      dedupeKey: alertResolvedDedupeKey(alert.id),
      type: "alert.resolved",
      data: alertResolvedData(alert, appUrl),
      listingId: alert.listing.id,
    },
    dedupeKey: alertResolvedDedupeKey(alert.id),
    kind: "calendar_sync_alert.resolved",
    recipient: supportEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    repliesTo: escalationDedupeKey(alert.id),
  });
}

export const secondLevelDedupeKey = (alertId: string) => `calendar-sync-alert-second-level:${alertId}`;

/** Queues « [2e niveau] … » to the second level, once per alert, in the escalation e-mail's thread. */
export async function queueSecondLevelEmail(
  ctx: ServiceContext,
  input: { recipient: string; alert: SecondLevelEmailFacts },
): Promise<boolean> {
  const email = renderSecondLevelEmail(input.alert, getConfig().auth.url);
  return enqueueEmail(ctx, {
    dedupeKey: secondLevelDedupeKey(input.alert.id),
    kind: "calendar_sync_alert.second_level",
    recipient: input.recipient,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    repliesTo: escalationDedupeKey(input.alert.id),
  });
}
