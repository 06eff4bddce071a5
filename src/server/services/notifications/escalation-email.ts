import type { AlertEscalatedFacts } from "../events/events.service";
import { describeSyncErrorType } from "../../shared/sync-error-types";
import { maskUrlsInText } from "../../shared/mask-url";
import { paragraph } from "./email-html";
import { alertEmailBody } from "./alert-email-body";
import { formatMessage } from "../../shared/messages";
import { emailWords, longDateTime } from "./email-words";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";

export type EscalationEmailFacts = AlertEscalatedFacts;

/** The escalation e-mail. It never carries a feed URL: the message is masked once more here. */
export function renderEscalationEmail(
  alert: EscalationEmailFacts,
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const type = describeSyncErrorType(alert.errorType, locale);
  const link = `${appUrl.replace(/\/$/, "")}/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`;
  const message = maskUrlsInText(alert.errorMessage);
  const rows: Array<[string, string]> = [
    [t("listing"), `${alert.listing.title} (${alert.listing.id})`],
    [t("errorType"), `${type.label} [${type.code}]`],
    [t("explanation"), type.hint],
    [t("failedAttempts"), String(alert.failedAttempts)],
    ...(alert.escalationReason ? ([[t("escalatedFor"), alert.escalationReason]] as Array<[string, string]>) : []),
    [t("firstFailure"), longDateTime(alert.firstFailedAt, locale)],
    [t("lastFailure"), longDateTime(alert.lastFailedAt, locale)],
    [t("message"), message],
  ];
  const subject = t("escalationSubject", {
    title: alert.listing.title,
    failures: formatMessage("failures", { count: alert.failedAttempts }, locale),
  });
  const intro = [t("escalationIntro", { title: alert.listing.title }), t("escalationRisk")];
  const { text, html } = alertEmailBody({
    introText: intro,
    introHtml: paragraph(intro.join(" ")),
    rows,
    link,
    locale,
  });
  return { subject, text, html };
}
