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

export type ConflictEmailFacts = ConflictFacts;

/** To support: what collides, when, on which platforms, and the link to the conflict. */
export function renderConflictSupportEmail(
  facts: ConflictEmailFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const link = `${appUrl.replace(/\/$/, "")}/admin/conflits/${encodeURIComponent(facts.id)}`;
  const [a, b] = facts.providers;
  const subject = `[${conflictHeadline(facts)}] ${facts.listingTitle} : ${nightsText(facts.nights)} à partir du ${shortNight(facts.firstNight)} (${a} et ${b})`;
  const rival = directBookingRival(facts.providers);
  const why =
    rival && facts.certainty === "certain"
      ? `Une réservation de la plateforme et une réservation sur ${rival} occupent les mêmes nuits : le voyageur de la plateforme risque de trouver le logement occupé.`
      : facts.certainty === "certain"
        ? `Deux réservations, l'une sur ${a}, l'autre sur ${b}, occupent les mêmes nuits.`
        : `Une réservation et une période fermée sans détail (${a} et ${b}) occupent des nuits communes à des dates différentes : probablement deux séjours.`;
  const rows: Array<[string, string]> = [
    ["Annonce", facts.listingTitle],
    ["Nuits en commun", `${nightsText(facts.nights)}, ${conflictPeriod(facts.firstNight, facts.lastNight)}`],
    ["Plateformes", `${a} et ${b}`],
    ...(facts.arrivedAfterHours !== null
      ? ([["Arrivée", `après ${facts.arrivedAfterHours} h sans synchronisation`]] as Array<[string, string]>)
      : []),
  ];
  const text = textLines([
    why,
    "",
    ...rows.map(([label, value]) => `${label} : ${value}`),
    "",
    `Voir le conflit : ${link}`,
  ]);
  const html = emailDocument(
    [paragraph(why), factsTable(rows), htmlLink(link, "Voir le conflit dans le back-office")],
    "— Alertes de synchronisation des calendriers",
  );
  return { subject, text, html };
}

/** To the host, in plain words: two stays collide on their listing, and what to do now. */
export function renderConflictHostEmail(
  facts: ConflictEmailFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const link = `${appUrl.replace(/\/$/, "")}/hote/calendriers`;
  const subject = `Urgent : deux réservations se chevauchent pour « ${facts.listingTitle} »`;
  const paragraphs = [
    `Bonjour ${facts.hostName},`,
    `Pour votre logement « ${facts.listingTitle} » : ${hostConflictMessage(facts)}`,
  ];
  const text = textLines([...paragraphs, "", `Vos calendriers : ${link}`, "", "— L'équipe support"]);
  const html = emailDocument(
    [...paragraphs.map(paragraph), htmlLink(link, "Ouvrir « Mes calendriers »")],
    "— L'équipe support",
  );
  return { subject, text, html };
}

/** How a told conflict ended: its overlap vanished at a sync, support said « Pas un conflit », or the platform withdrew the listing. */
export type { ConflictEnd };

/** To the recipients of a conflict's e-mails, in their thread: it is over, and how. */
export function renderConflictResolvedEmails(
  facts: ConflictEmailFacts,
  how: ConflictEnd,
  appUrl: string,
): { support: RenderedEmail; host: RenderedEmail } {
  const period = conflictPeriod(facts.firstNight, facts.lastNight);
  const [a, b] = facts.providers;
  const why =
    how === "vanished"
      ? `Les deux séjours ne se chevauchent plus ${period} (${a} et ${b}) : l'un d'eux a été annulé ou déplacé.`
      : how === "withdrawn"
        ? `L'annonce a été retirée de la plateforme : le chevauchement ${period} (${a} et ${b}) n'est plus suivi.`
        : `Le support a vérifié les séjours ${period} (${a} et ${b}) : ce n'est pas une double réservation.`;
  const opened = renderConflictSupportEmail(facts, appUrl);
  const supportLink = `${appUrl.replace(/\/$/, "")}/admin/conflits/${encodeURIComponent(facts.id)}`;
  const support = {
    subject: `[Résolu] ${opened.subject}`,
    text: textLines([why, "", `Voir le conflit : ${supportLink}`]),
    html: emailDocument(
      [paragraph(why), htmlLink(supportLink, "Voir le conflit dans le back-office")],
      "— Alertes de synchronisation des calendriers",
    ),
  };
  const hostLink = `${appUrl.replace(/\/$/, "")}/hote/calendriers`;
  const paragraphs = [
    `Bonjour ${facts.hostName},`,
    `Pour votre logement « ${facts.listingTitle} » : ${why} Vous n'avez rien à faire.`,
  ];
  const host = {
    subject: `[Résolu] ${renderConflictHostEmail(facts, appUrl).subject}`,
    text: textLines([...paragraphs, "", `Vos calendriers : ${hostLink}`, "", "— L'équipe support"]),
    html: emailDocument(
      [...paragraphs.map(paragraph), htmlLink(hostLink, "Ouvrir « Mes calendriers »")],
      "— L'équipe support",
    ),
  };
  return { support, host };
}

type RenderedEmail = { subject: string; text: string; html: string };
