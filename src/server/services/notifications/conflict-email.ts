import { emailDocument, factsTable, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import { certaintyLabel as conflictLabel, conflictPeriod, hostConflictMessage, nightsText, shortNight } from "../../shared/conflict-words";

/** What the policy tells about a conflict it opened: no guest data, only the listing, the platforms and the nights. */
export interface ConflictEmailFacts {
  id: string;
  listingTitle: string;
  hostName: string;
  certainty: "certain" | "probable";
  /** YYYY-MM-DD, the first and last nights the two stays share. */
  firstNight: string;
  lastNight: string;
  nights: number;
  providers: [string, string];
  arrivedAfterHours: number | null;
}

/** To support: what collides, when, on which platforms, and the link to the conflict. */
export function renderConflictSupportEmail(facts: ConflictEmailFacts, appUrl: string): { subject: string; text: string; html: string } {
  const link = `${appUrl.replace(/\/$/, "")}/admin/conflits/${encodeURIComponent(facts.id)}`;
  const [a, b] = facts.providers;
  const subject = `[${conflictLabel(facts.certainty)}] ${facts.listingTitle} : ${nightsText(facts.nights)} à partir du ${shortNight(facts.firstNight)} (${a} et ${b})`;
  const why =
    facts.certainty === "certain"
      ? `Deux réservations, l'une sur ${a}, l'autre sur ${b}, occupent les mêmes nuits.`
      : `Une réservation et une période fermée sans détail (${a} et ${b}) occupent des nuits communes à des dates différentes : probablement deux séjours.`;
  const rows: Array<[string, string]> = [
    ["Annonce", facts.listingTitle],
    ["Nuits en commun", `${nightsText(facts.nights)}, ${conflictPeriod(facts.firstNight, facts.lastNight)}`],
    ["Plateformes", `${a} et ${b}`],
    ...(facts.arrivedAfterHours !== null ? ([["Arrivée", `après ${facts.arrivedAfterHours} h sans synchronisation`]] as Array<[string, string]>) : []),
  ];
  const text = textLines([why, "", ...rows.map(([label, value]) => `${label} : ${value}`), "", `Voir le conflit : ${link}`]);
  const html = emailDocument([paragraph(why), factsTable(rows), htmlLink(link, "Voir le conflit dans le back-office")], "— Alertes de synchronisation des calendriers");
  return { subject, text, html };
}

/** To the host, in plain words: two stays collide on their listing, and what to do now. */
export function renderConflictHostEmail(facts: ConflictEmailFacts, appUrl: string): { subject: string; text: string; html: string } {
  const link = `${appUrl.replace(/\/$/, "")}/hote/calendriers`;
  const subject = `Urgent : deux réservations se chevauchent pour « ${facts.listingTitle} »`;
  const paragraphs = [`Bonjour ${facts.hostName},`, `Pour votre logement « ${facts.listingTitle} » : ${hostConflictMessage(facts)}`];
  const text = textLines([...paragraphs, "", `Vos calendriers : ${link}`, "", "— L'équipe support"]);
  const html = emailDocument([...paragraphs.map(paragraph), htmlLink(link, "Ouvrir « Mes calendriers »")], "— L'équipe support");
  return { subject, text, html };
}
