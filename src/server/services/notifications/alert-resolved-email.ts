import type { AlertResolvedFacts } from "../events/events.service";
import { paragraph } from "./email-html";
import { alertEmailBody } from "./alert-email-body";
import { emailWords, longDateTime } from "./email-words";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";

export type AlertResolvedEmailFacts = AlertResolvedFacts;

const HOW = {
  "by-hand": "how.by-hand",
  recovery: "how.recovery",
  "host-link": "how.host-link",
  "listing-archived": "how.listing-archived",
} as const satisfies Record<AlertResolvedEmailFacts["how"], string>;

/** « [Résolu] … », sent to the escalation's recipients, in the escalation e-mail's thread. */
export function renderAlertResolvedEmail(
  alert: AlertResolvedEmailFacts,
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const link = `${appUrl.replace(/\/$/, "")}/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`;
  const how =
    alert.by && (alert.how === "by-hand" || alert.how === "listing-archived")
      ? t("howBy", { how: t(HOW[alert.how]), by: alert.by })
      : t(HOW[alert.how]);
  const rows: Array<[string, string]> = [
    [t("listing"), `${alert.listing.title} (${alert.listing.id})`],
    [t("resolution"), how],
    ...(alert.note ? ([[t("note"), alert.note]] as Array<[string, string]>) : []),
    [t("failedAttempts"), String(alert.failedAttempts)],
    [t("escalatedAt"), longDateTime(alert.escalatedAt, locale)],
    [t("resolvedAt"), longDateTime(alert.resolvedAt, locale)],
  ];
  const subject = t("resolvedSubject", { title: alert.listing.title });
  const intro = t("resolvedIntro", { title: alert.listing.title, how });
  const { text, html } = alertEmailBody({ introText: [intro], introHtml: paragraph(intro), rows, link, locale });
  return { subject, text, html };
}
