import type { HostNoticeFacts as HostNoticeEventFacts } from "../events/events.service";
import { hostGuidance } from "../../shared/host-guidance";
import { emailDocument, escapeHtml, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import { getConfig } from "../../config";
import { decryptWithCurrentOrPrevious } from "../../crypto/secret-box";
import { EXPORT_DESTINATIONS, exportLinkPath, type ExportDestination } from "../../shared/export-destinations";

export type HostNoticeFacts = Omit<HostNoticeEventFacts, "hostEmail">;

export const hostCalendarsLink = (appUrl: string) => `${appUrl.replace(/\/$/, "")}/hote/calendriers`;

/** The plain-language notice to a host: which listing and platform, what we saw, the risk, and the steps. No codes. */
export function renderHostNoticeEmail(
  facts: HostNoticeFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  if (facts.exportLink) return renderExportNoticeEmail(facts, facts.exportLink, appUrl);
  const guidance = hostGuidance(facts.providerKey, facts.errorType);
  const link = hostCalendarsLink(appUrl);
  const subject = `Action requise : le calendrier ${guidance.platform} de « ${facts.listingTitle} » ${facts.everRead ? "ne se synchronise plus" : "ne se synchronise pas"}`;
  const paragraphs = [
    `Bonjour ${facts.hostName},`,
    `Nous n'arrivons ${facts.everRead ? "plus" : "pas"} à importer le calendrier « ${facts.feedLabel} » (${guidance.platform}) de votre logement « ${facts.listingTitle} » : ${guidance.whatWeSaw}`,
    guidance.risk,
    "Pour le réparer, il suffit d'un nouveau lien d'export :",
  ];
  const text = textLines([
    ...paragraphs,
    ...guidance.steps.map((step, index) => `${index + 1}. ${step}`),
    "",
    `Vos calendriers : ${link}`,
    "",
    "Dès que le nouveau lien fonctionne, la synchronisation reprend d'elle-même.",
    "— L'équipe support",
  ]);
  const html = emailDocument(
    [
      ...paragraphs.map(paragraph),
      `<ol>${guidance.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join("")}</ol>`,
      htmlLink(link, "Ouvrir « Mes calendriers »"),
      paragraph("Dès que le nouveau lien fonctionne, la synchronisation reprend d'elle-même."),
    ],
    "— L'équipe support",
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
): { subject: string; text: string; html: string } {
  const destination = EXPORT_DESTINATIONS[exportLink.destination as ExportDestination] ?? EXPORT_DESTINATIONS.other;
  const { encryptionKey, previousEncryptionKey } = getConfig();
  const token = decryptWithCurrentOrPrevious(exportLink.tokenCiphertext, encryptionKey, previousEncryptionKey);
  const url = `${appUrl.replace(/\/$/, "")}${exportLinkPath(token)}`;
  const lastRead = new Intl.DateTimeFormat("fr-FR", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  }).format(new Date(exportLink.lastReadAt));
  const link = hostCalendarsLink(appUrl);
  const subject = `Action requise : ${destination.label} ne lit plus le calendrier de « ${facts.listingTitle} »`;
  const paragraphs = [
    `Bonjour ${facts.hostName},`,
    `${destination.label} ne lit plus le calendrier que nous exportons pour votre logement « ${facts.listingTitle} » : sa dernière lecture date du ${lastRead}.`,
    `Tant qu'il ne le lit pas, les nuits réservées ailleurs restent ouvertes sur ${destination.label} : un voyageur peut les réserver une seconde fois.`,
    "Pour le vérifier :",
  ];
  const text = textLines([
    ...paragraphs,
    ...destination.steps.map((step, index) => `${index + 1}. ${step}`),
    "",
    `Le lien à coller : ${url}`,
    `Vos calendriers : ${link}`,
    "",
    "— L'équipe support",
  ]);
  const html = emailDocument(
    [
      ...paragraphs.map(paragraph),
      `<ol>${destination.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join("")}</ol>`,
      paragraph(`Le lien à coller : ${url}`),
      htmlLink(link, "Ouvrir « Mes calendriers »"),
    ],
    "— L'équipe support",
  );
  return { subject, text, html };
}
