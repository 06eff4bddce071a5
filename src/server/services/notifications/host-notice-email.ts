import type { HostNoticeFacts as HostNoticeEventFacts } from "../events/events.service";
import { hostGuidance } from "../../shared/host-guidance";
import { emailDocument, escapeHtml, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";

export type HostNoticeFacts = Omit<HostNoticeEventFacts, "hostEmail">;

export const hostCalendarsLink = (appUrl: string) => `${appUrl.replace(/\/$/, "")}/hote/calendriers`;

/** The plain-language notice to a host: which listing and platform, what we saw, the risk, and the steps. No codes. */
export function renderHostNoticeEmail(
  facts: HostNoticeFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
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
