import type { AlertSecondLevelFacts } from "../events/events.service";
import { paragraph } from "./email-html";
import { alertEmailBody } from "./alert-email-body";
import { emailWords, longDateTime } from "./email-words";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";

export type SecondLevelEmailFacts = AlertSecondLevelFacts;

/** « 1 h », « 1 h 30 », « 45 min »: how long (the same in French and English). */
export function durationWords(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, "0")}`;
}

export function renderSecondLevelEmail(
  alert: SecondLevelEmailFacts,
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const link = `${appUrl.replace(/\/$/, "")}/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`;
  const since = durationWords(alert.unownedMinutes);
  const rows: Array<[string, string]> = [
    [t("listing"), `${alert.listing.title} (${alert.listing.id})`],
    [t("escalatedAt"), longDateTime(alert.escalatedAt, locale)],
    [t("failedAttempts"), String(alert.failedAttempts)],
  ];
  const subject = t("secondLevelSubject", { since, title: alert.listing.title });
  const intro = [t("secondLevelIntro", { title: alert.listing.title, since }), t("secondLevelAsk")];
  const { text, html } = alertEmailBody({
    introText: intro,
    introHtml: paragraph(intro.join(" ")),
    rows,
    link,
    locale,
  });
  return { subject, text, html };
}
