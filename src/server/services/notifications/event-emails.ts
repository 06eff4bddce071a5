import type { DomainEvent, ConflictResolvedFacts } from "../events/events.service";
import { escalationKey } from "../events/events.service";
import type { OutgoingEmail } from "./enqueue-email";
import { renderEscalationEmail } from "./escalation-email";
import { renderAlertResolvedEmail } from "./alert-resolved-email";
import { renderSecondLevelEmail } from "./second-level-email";
import { renderHostNoticeEmail } from "./host-notice-email";
import { renderIncidentOpenedEmail, renderIncidentResolvedEmail } from "./incident-email";
import { renderConflictHostEmail, renderConflictResolvedEmails, renderConflictSupportEmail } from "./conflict-email";
import { renderDigestEmail } from "./digest-email";
import type { Locale } from "../../../i18n/locales";

/** An event as notifications read it back: its type, its key and its facts (conflict.resolved's merged). */
export type RecordedEvent =
  (DomainEvent & { key: string }) | ({ type: "conflict.resolved"; key: string } & ConflictResolvedFacts);

interface Mailboxes {
  appUrl: string;
  supportEmail: string;
  /** SUPPORT_LOCALE: support's mailbox, the second level and the digest read it; a host reads their own. */
  supportLocale: Locale;
}

type Rendered = { subject: string; text: string; html: string };

const email = (
  dedupeKey: string,
  kind: string,
  recipient: string,
  rendered: Rendered,
  repliesTo?: string,
): OutgoingEmail => ({
  dedupeKey,
  kind,
  recipient,
  subject: rendered.subject,
  textBody: rendered.text,
  htmlBody: rendered.html,
  repliesTo,
});

/**
 * The e-mails an event becomes: support's mailbox (the built-in e-mail channel), the host's notices and the second
 * level. Their dedupe keys, words and threads are the e-mails' own, kept from before the events step.
 */
export function emailsOf(event: RecordedEvent, { appUrl, supportEmail, supportLocale }: Mailboxes): OutgoingEmail[] {
  switch (event.type) {
    case "alert.escalated":
      return [
        email(
          event.key,
          "calendar_sync_alert.escalated",
          supportEmail,
          renderEscalationEmail(event.alert, appUrl, supportLocale),
        ),
      ];
    case "alert.resolved":
      return [
        email(
          event.key,
          "calendar_sync_alert.resolved",
          supportEmail,
          renderAlertResolvedEmail(event.alert, appUrl, supportLocale),
          escalationKey(event.alert.id),
        ),
      ];
    case "alert.second-level":
      return [
        email(
          event.key,
          "calendar_sync_alert.second_level",
          event.recipient,
          renderSecondLevelEmail(event.alert, appUrl, supportLocale),
          escalationKey(event.alert.id),
        ),
      ];
    case "host.notice":
      return [
        email(
          event.key,
          "calendar_sync_alert.host_notice",
          event.notice.hostEmail,
          renderHostNoticeEmail(event.notice, appUrl),
        ),
      ];
    case "incident.opened":
      return [
        email(
          event.key,
          "provider_incident.opened",
          supportEmail,
          renderIncidentOpenedEmail(event.incident, appUrl, supportLocale),
        ),
      ];
    case "incident.resolved":
      return [
        email(
          event.key,
          "provider_incident.resolved",
          supportEmail,
          renderIncidentResolvedEmail(event.incident, appUrl, supportLocale),
          // The resolution answers the opening: one thread in the mail client.
          `provider-incident-opened:${event.incident.id}`,
        ),
      ];
    case "conflict.detected": {
      const key = `booking-conflict:${event.conflict.id}`;
      return [
        email(
          `${key}:support`,
          "booking_conflict.opened",
          supportEmail,
          renderConflictSupportEmail(event.conflict, appUrl, supportLocale),
        ),
        email(
          `${key}:host`,
          "booking_conflict.host_notice",
          event.hostEmail,
          renderConflictHostEmail(event.conflict, appUrl, event.hostLocale ?? "fr"),
        ),
      ];
    }
    case "conflict.resolved": {
      const key = `booking-conflict:${event.conflict.id}`;
      const { support, host } = renderConflictResolvedEmails(event.conflict, event.how, appUrl, {
        support: supportLocale,
        host: event.hostLocale ?? "fr",
      });
      return [
        email(`${key}:support-resolved`, "booking_conflict.resolved", supportEmail, support, `${key}:support`),
        email(`${key}:host-resolved`, "booking_conflict.host_resolved", event.hostEmail, host, `${key}:host`),
      ];
    }
    case "digest":
      return [
        email(
          event.key,
          "support.digest",
          event.recipient,
          renderDigestEmail(event.digest, { day: event.day, appUrl, locale: supportLocale }),
        ),
      ];
  }
}
