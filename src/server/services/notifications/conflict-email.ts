import type { ConflictFacts, ConflictEnd } from "../events/events.service";
import { emailDocument, factsTable, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import {
  conflictHeadline,
  conflictPeriod,
  directBookingRival,
  hostConflictMessage,
  nightsText,
  shortNight,
} from "../../shared/conflict-words";
import { emailWords } from "./email-words";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";

export type ConflictEmailFacts = ConflictFacts;

/** To support: what collides, when, on which platforms, and the link to the conflict. */
export function renderConflictSupportEmail(
  facts: ConflictEmailFacts,
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const link = `${appUrl.replace(/\/$/, "")}/admin/conflits/${encodeURIComponent(facts.id)}`;
  const [a, b] = facts.providers;
  const subject = t("conflictSubject", {
    headline: conflictHeadline(facts, locale),
    title: facts.listingTitle,
    nights: nightsText(facts.nights, locale),
    first: shortNight(facts.firstNight, locale),
    a,
    b,
  });
  const rival = directBookingRival(facts.providers);
  const why =
    rival && facts.certainty === "certain"
      ? t("conflictWhyDirect", { rival })
      : t(facts.certainty === "certain" ? "conflictWhyCertain" : "conflictWhyProbable", { a, b });
  const rows: Array<[string, string]> = [
    [t("listing"), facts.listingTitle],
    [
      t("nightsInCommon"),
      `${nightsText(facts.nights, locale)}, ${conflictPeriod(facts.firstNight, facts.lastNight, locale)}`,
    ],
    [t("platforms"), t("providersPair", { a, b })],
    ...(facts.arrivedAfterHours !== null
      ? ([[t("arrival"), t("arrivedAfter", { hours: facts.arrivedAfterHours })]] as Array<[string, string]>)
      : []),
  ];
  const text = textLines([
    why,
    "",
    ...rows.map(([label, value]) => t("factLine", { label, value })),
    "",
    t("viewConflictText", { link }),
  ]);
  const html = emailDocument(
    [paragraph(why), factsTable(rows), htmlLink(link, t("viewConflict"))],
    t("signatureSync"),
    locale,
  );
  return { subject, text, html };
}

/** To the host, in plain words and their language: two stays collide on their listing, and what to do now. */
export function renderConflictHostEmail(
  facts: ConflictEmailFacts,
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const link = `${appUrl.replace(/\/$/, "")}/hote/calendriers`;
  const subject = t("conflictHostSubject", { title: facts.listingTitle });
  const paragraphs = [
    t("helloName", { name: facts.hostName }),
    t("conflictHostIntro", { title: facts.listingTitle, message: hostConflictMessage(facts, locale) }),
  ];
  const text = textLines([...paragraphs, "", t("yourCalendars", { link }), "", t("signatureTeam")]);
  const html = emailDocument(
    [...paragraphs.map(paragraph), htmlLink(link, t("openMyCalendars"))],
    t("signatureTeam"),
    locale,
  );
  return { subject, text, html };
}

/** How a told conflict ended: its overlap vanished at a sync, support said « Pas un conflit », or the platform withdrew the listing. */
export type { ConflictEnd };

const ENDS = {
  vanished: "conflictEndVanished",
  withdrawn: "conflictEndWithdrawn",
  dismissed: "conflictEndDismissed",
} as const satisfies Record<ConflictEnd, string>;

/** To the recipients of a conflict's e-mails, in their thread and each in their language: it is over, and how. */
export function renderConflictResolvedEmails(
  facts: ConflictEmailFacts,
  how: ConflictEnd,
  appUrl: string,
  locales: { support: Locale; host: Locale } = { support: DEFAULT_LOCALE, host: DEFAULT_LOCALE },
): { support: RenderedEmail; host: RenderedEmail } {
  const why = (locale: Locale) =>
    emailWords(locale)(ENDS[how], {
      period: conflictPeriod(facts.firstNight, facts.lastNight, locale),
      a: facts.providers[0],
      b: facts.providers[1],
    });
  const ts = emailWords(locales.support);
  const opened = renderConflictSupportEmail(facts, appUrl, locales.support);
  const supportLink = `${appUrl.replace(/\/$/, "")}/admin/conflits/${encodeURIComponent(facts.id)}`;
  const support = {
    subject: ts("resolvedPrefix", { subject: opened.subject }),
    text: textLines([why(locales.support), "", ts("viewConflictText", { link: supportLink })]),
    html: emailDocument(
      [paragraph(why(locales.support)), htmlLink(supportLink, ts("viewConflict"))],
      ts("signatureSync"),
      locales.support,
    ),
  };
  const th = emailWords(locales.host);
  const hostLink = `${appUrl.replace(/\/$/, "")}/hote/calendriers`;
  const paragraphs = [
    th("helloName", { name: facts.hostName }),
    th("conflictHostEnded", { title: facts.listingTitle, why: why(locales.host) }),
  ];
  const host = {
    subject: th("resolvedPrefix", { subject: renderConflictHostEmail(facts, appUrl, locales.host).subject }),
    text: textLines([...paragraphs, "", th("yourCalendars", { link: hostLink }), "", th("signatureTeam")]),
    html: emailDocument(
      [...paragraphs.map(paragraph), htmlLink(hostLink, th("openMyCalendars"))],
      th("signatureTeam"),
      locales.host,
    ),
  };
  return { support, host };
}

type RenderedEmail = { subject: string; text: string; html: string };
