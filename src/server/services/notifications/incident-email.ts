import type { IncidentFacts } from "../events/events.service";
import { describeSyncErrorType } from "../../shared/sync-error-types";
import { emailDocument, factsTable, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import { formatMessage } from "../../shared/messages";
import { destinationOfIncidentKey, providerDisplayName } from "../../shared/export-destinations";
import { emailWords, longDateTime, type EmailTranslate } from "./email-words";
import { DEFAULT_LOCALE, INTL_TAGS, type Locale } from "../../../i18n/locales";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";

const timeOf = (at: Date, locale: Locale) =>
  new Intl.DateTimeFormat(INTL_TAGS[locale], {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: PLATFORM_TIME_ZONE,
  }).format(at);
const countOf = (n: number, locale: Locale) => new Intl.NumberFormat(INTL_TAGS[locale]).format(n);

function page(
  t: EmailTranslate,
  locale: Locale,
  paragraphs: string[],
  rows: Array<[string, string]>,
  href: string,
): string {
  return emailDocument(
    [...paragraphs.map(paragraph), factsTable(rows), htmlLink(href, t("viewIncident"))],
    t("signatureAlerts"),
    locale,
  );
}

function body(t: EmailTranslate, intro: string[], rows: Array<[string, string]>, link: string): string {
  return textLines([
    ...intro,
    "",
    ...rows.map(([label, value]) => t("factLine", { label, value })),
    "",
    t("viewIncidentText", { link }),
    "",
    t("signatureAlerts"),
  ]);
}

export const incidentLink = (appUrl: string, incidentId: string) =>
  `${appUrl.replace(/\/$/, "")}/admin/incidents/${encodeURIComponent(incidentId)}`;

/** « [Incident fournisseur] Airbnb : 2 314 calendriers en échec depuis 14:05 »: one e-mail for a whole outage. */
export function renderIncidentOpenedEmail(
  incident: IncidentFacts,
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const count = (n: number) => countOf(n, locale);
  const link = incidentLink(appUrl, incident.id);
  const errors = Object.entries(incident.errorCounts)
    .map(([type, n]) => t("errorCount", { label: describeSyncErrorType(type, locale).label, count: count(n) }))
    .join(" ; ");
  const provider = providerDisplayName(incident.providerKey);
  const exported = destinationOfIncidentKey(incident.providerKey) !== null;
  const time = timeOf(new Date(incident.openedAt), locale);
  const subject = exported
    ? t("incidentSubjectExport", { provider, count: count(incident.feedsFailing), time })
    : t("incidentSubject", {
        provider,
        failing: formatMessage("calendarsFailing", { count: incident.feedsFailing }, locale),
        time,
      });
  const intro = exported
    ? [
        t("hello"),
        t("incidentIntroExport", { provider, listings: count(incident.listingsFailing) }),
        t("incidentDuringExport"),
      ]
    : [
        t("hello"),
        t("incidentIntro", {
          provider,
          failing: count(incident.feedsFailing),
          synced: count(incident.feedsSynced),
        }),
        t("incidentDuring"),
      ];
  const rows: Array<[string, string]> = [
    [t("provider"), provider],
    [t("since"), longDateTime(incident.openedAt, locale)],
    [exported ? t("linksNotRead") : t("calendarsFailing"), count(incident.feedsFailing)],
    [t("listingsConcerned"), count(incident.listingsFailing)],
    [t("errors"), errors || "—"],
  ];
  return { subject, text: body(t, intro, rows, link), html: page(t, locale, intro, rows, link) };
}

/** The second and last e-mail of an incident. */
export function renderIncidentResolvedEmail(
  incident: IncidentFacts,
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const link = incidentLink(appUrl, incident.id);
  const resolvedAt = incident.resolvedAt ? new Date(incident.resolvedAt) : new Date();
  const minutes = Math.max(1, Math.round((resolvedAt.getTime() - new Date(incident.openedAt).getTime()) / 60_000));
  const provider = providerDisplayName(incident.providerKey);
  const exported = destinationOfIncidentKey(incident.providerKey) !== null;
  const how =
    incident.resolution === "manual"
      ? t("incidentClosedBySupport")
      : exported
        ? t("incidentExportRead")
        : t("incidentProviderBack");
  const subject = t("incidentResolvedSubject", { provider, time: timeOf(resolvedAt, locale) });
  const intro = [
    t("hello"),
    exported ? t("incidentResolvedExport", { how }) : t("incidentResolvedImport", { how, provider }),
    t("incidentResolvedAfter"),
  ];
  const rows: Array<[string, string]> = [
    [t("provider"), provider],
    [t("openedAt"), longDateTime(incident.openedAt, locale)],
    [t("incidentResolvedAt"), longDateTime(resolvedAt, locale)],
    [t("duration"), t("minutes", { minutes })],
  ];
  return { subject, text: body(t, intro, rows, link), html: page(t, locale, intro, rows, link) };
}
