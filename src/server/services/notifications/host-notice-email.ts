import type { HostNoticeFacts as HostNoticeEventFacts } from "../events/events.service";
import { hostGuidance } from "../../shared/host-guidance";
import { emailDocument, escapeHtml, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import { getConfig } from "../../config";
import { decryptWithCurrentOrPrevious } from "../../crypto/secret-box";
import {
  destinationInWords,
  EXPORT_DESTINATIONS,
  exportLinkPath,
  type ExportDestination,
} from "../../shared/export-destinations";
import { emailWords, longDateTime } from "./email-words";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";

export type HostNoticeFacts = Omit<HostNoticeEventFacts, "hostEmail">;

export const hostCalendarsLink = (appUrl: string) => `${appUrl.replace(/\/$/, "")}/hote/calendriers`;

/**
 * The plain-language notice to a host, in the host's language: which listing and platform, what we saw, the risk, and
 * the steps. No codes.
 */
export function renderHostNoticeEmail(
  facts: HostNoticeFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const locale = facts.hostLocale ?? DEFAULT_LOCALE;
  if (facts.exportLink) return renderExportNoticeEmail(facts, facts.exportLink, appUrl, locale);
  const t = emailWords(locale);
  const guidance = hostGuidance(facts.providerKey, facts.errorType, locale);
  const link = hostCalendarsLink(appUrl);
  const everRead = facts.everRead ? "yes" : "no";
  const subject = t("hostNoticeSubject", { platform: guidance.platform, title: facts.listingTitle, everRead });
  const paragraphs = [
    t("helloName", { name: facts.hostName }),
    t("hostNoticeIntro", {
      everRead,
      feed: facts.feedLabel,
      platform: guidance.platform,
      title: facts.listingTitle,
      whatWeSaw: guidance.whatWeSaw,
    }),
    guidance.risk,
    t("hostNoticeFix"),
  ];
  const text = textLines([
    ...paragraphs,
    ...guidance.steps.map((step, index) => `${index + 1}. ${step}`),
    "",
    t("yourCalendars", { link }),
    "",
    t("hostNoticeResumes"),
    t("signatureTeam"),
  ]);
  const html = emailDocument(
    [
      ...paragraphs.map(paragraph),
      `<ol>${guidance.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join("")}</ol>`,
      htmlLink(link, t("openMyCalendars")),
      paragraph(t("hostNoticeResumes")),
    ],
    t("signatureTeam"),
    locale,
  );
  return { subject, text, html };
}

/**
 * « Airbnb ne lit plus votre calendrier »: which listing and destination, since when, the risk, the destination's
 * steps, and the link again (decrypted here, at rendering: the event's facts hold it encrypted, as stored).
 */
function renderExportNoticeEmail(
  facts: HostNoticeFacts,
  exportLink: NonNullable<HostNoticeFacts["exportLink"]>,
  appUrl: string,
  locale: Locale,
): { subject: string; text: string; html: string } {
  const t = emailWords(locale);
  const code = Object.hasOwn(EXPORT_DESTINATIONS, exportLink.destination)
    ? (exportLink.destination as ExportDestination)
    : "other";
  const destination = destinationInWords(code, locale);
  const { encryptionKey, previousEncryptionKey } = getConfig();
  const token = decryptWithCurrentOrPrevious(exportLink.tokenCiphertext, encryptionKey, previousEncryptionKey);
  const url = `${appUrl.replace(/\/$/, "")}${exportLinkPath(token)}`;
  const lastRead = longDateTime(exportLink.lastReadAt, locale);
  const link = hostCalendarsLink(appUrl);
  const subject = t("exportNoticeSubject", { destination: destination.label, title: facts.listingTitle });
  const paragraphs = [
    t("helloName", { name: facts.hostName }),
    t("exportNoticeIntro", { destination: destination.label, title: facts.listingTitle, lastRead }),
    t("exportNoticeRisk", { destination: destination.label }),
    t("exportNoticeCheck"),
  ];
  const text = textLines([
    ...paragraphs,
    ...destination.steps.map((step, index) => `${index + 1}. ${step}`),
    "",
    t("linkToPaste", { url }),
    t("yourCalendars", { link }),
    "",
    t("signatureTeam"),
  ]);
  const html = emailDocument(
    [
      ...paragraphs.map(paragraph),
      `<ol>${destination.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join("")}</ol>`,
      paragraph(t("linkToPaste", { url })),
      htmlLink(link, t("openMyCalendars")),
    ],
    t("signatureTeam"),
    locale,
  );
  return { subject, text, html };
}
