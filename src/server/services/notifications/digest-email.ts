import type { DigestFacts } from "../../shared/digest-facts";
import { emailDocument, escapeHtml, factsTable, link as htmlLink } from "./email-html";
import { textLines } from "./email-text";
import { formatMessage } from "../../shared/messages";
import { emailWords } from "./email-words";
import { DEFAULT_LOCALE, INTL_TAGS, type Locale } from "../../../i18n/locales";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";

const dayTimeOf = (at: Date, locale: Locale) =>
  new Intl.DateTimeFormat(INTL_TAGS[locale], {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: PLATFORM_TIME_ZONE,
  }).format(at);

/** The morning digest to support, in SUPPORT_LOCALE: `day` is the local date it is for (« 2026-11-28 »). */
export function renderDigestEmail(
  facts: DigestFacts,
  input: { day: string; appUrl: string; locale?: Locale },
): { subject: string; text: string; html: string } {
  const locale = input.locale ?? DEFAULT_LOCALE;
  const t = emailWords(locale);
  const base = input.appUrl.replace(/\/$/, "");
  const alertLink = (id: string) => `${base}/admin/alerts/calendar-sync/${encodeURIComponent(id)}`;
  const age = facts.openByAge;
  const open = age.underDay + age.oneToThreeDays + age.threeToSevenDays + age.overWeek;
  const rows: Array<[string, string]> = [
    [
      t("openAlerts"),
      t("openByAge", {
        open,
        underDay: age.underDay,
        oneToThree: age.oneToThreeDays,
        threeToSeven: age.threeToSevenDays,
        overWeek: age.overWeek,
      }),
    ],
    [t("snoozed"), String(facts.snoozed)],
    [t("unownedEscalated"), String(facts.unownedEscalated.count)],
    [t("arrivalsAtRisk7"), String(facts.arrivalsAtRisk.count)],
    [
      t("sinceLastDigest"),
      `${formatMessage("alertsOpened", { count: facts.openedSince }, locale)}, ${formatMessage("alertsResolvedSince", { count: facts.resolvedSince }, locale)}`,
    ],
    [t("openIncidents"), facts.openIncidents.length > 0 ? facts.openIncidents.join(", ") : t("none")],
    [
      t("openConflicts"),
      `${formatMessage("conflictsCertain", { count: facts.openConflicts.certain }, locale)}, ${formatMessage("conflictsProbable", { count: facts.openConflicts.probable }, locale)}`,
    ],
  ];
  const unowned = facts.unownedEscalated.listings.map((item) => ({ label: item.title, href: alertLink(item.alertId) }));
  const arrivals = facts.arrivalsAtRisk.listings.map((item) => ({
    label: t("arrivalOn", { title: item.title, when: dayTimeOf(new Date(item.firstArrival), locale) }),
    href: alertLink(item.alertId),
  }));
  const subject = t("digestSubject", {
    open: formatMessage("alertsOpened", { count: open }, locale),
    unowned: formatMessage("unowned", { count: facts.unownedEscalated.count }, locale),
    arrivals: formatMessage("arrivalsAtRisk", { count: facts.arrivalsAtRisk.count }, locale),
  });
  const item = (entry: { label: string; href: string }) =>
    `- ${t("factLine", { label: entry.label, value: entry.href })}`;
  const text = textLines([
    t("hello"),
    "",
    t("digestOf", { day: input.day }),
    "",
    ...rows.map(([label, value]) => t("factLine", { label, value })),
    ...(unowned.length ? ["", t("heading", { title: t("unownedTitle") }), ...unowned.map(item)] : []),
    ...(arrivals.length ? ["", t("heading", { title: t("arrivalsTitle") }), ...arrivals.map(item)] : []),
    "",
    t("dashboardText", { link: `${base}/admin` }),
    "",
    t("signatureAlerts"),
  ]);
  const list = (title: string, items: Array<{ label: string; href: string }>) =>
    items.length
      ? `<h2 style="font-size:16px">${escapeHtml(title)}</h2><ul>${items.map((entry) => `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.label)}</a></li>`).join("")}</ul>`
      : "";
  const html = emailDocument(
    [
      `<p>${escapeHtml(t("hello"))}</p><p>${escapeHtml(t("digestOf", { day: input.day }))}</p>`,
      factsTable(rows),
      list(t("unownedTitle"), unowned),
      list(t("arrivalsTitle"), arrivals),
      htmlLink(`${base}/admin`, t("openDashboard")),
    ],
    t("signatureAlerts"),
    locale,
  );
  return { subject, text, html };
}
