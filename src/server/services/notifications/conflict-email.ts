import { emailDocument, factsTable, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";

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

const DAY_MS = 86_400_000;
const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const shortDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "short" });
const longDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "long" });
const nightsText = (nights: number) => `${nights} nuit${nights > 1 ? "s" : ""}`;

/** « du 12 au 14 décembre »: from the first night to the morning after the last, when the second guest would leave. */
export function conflictPeriod(firstNight: string, lastNight: string): string {
  const from = dayOf(firstNight);
  const to = new Date(dayOf(lastNight).getTime() + DAY_MS);
  const sameMonth = from.getUTCMonth() === to.getUTCMonth();
  return `du ${sameMonth ? from.getUTCDate() : longDay.format(from)} au ${longDay.format(to)}`;
}

export const conflictLabel = (certainty: ConflictEmailFacts["certainty"]) => (certainty === "certain" ? "Double réservation" : "Double réservation probable");

/** To support: what collides, when, on which platforms, and the link to the conflict. */
export function renderConflictSupportEmail(facts: ConflictEmailFacts, appUrl: string): { subject: string; text: string; html: string } {
  const link = `${appUrl.replace(/\/$/, "")}/admin/conflits/${encodeURIComponent(facts.id)}`;
  const [a, b] = facts.providers;
  const subject = `[${conflictLabel(facts.certainty)}] ${facts.listingTitle} : ${nightsText(facts.nights)} à partir du ${shortDay.format(dayOf(facts.firstNight))} (${a} et ${b})`;
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
  const [a, b] = facts.providers;
  const period = conflictPeriod(facts.firstNight, facts.lastNight);
  const subject = `Urgent : deux réservations se chevauchent pour « ${facts.listingTitle} »`;
  const main =
    facts.certainty === "certain"
      ? `Deux réservations se chevauchent ${period} : ${a} et ${b}. Contactez le support ou l'un des voyageurs dès maintenant.`
      : `Une réservation et une période fermée se chevauchent ${period} : ${a} et ${b}. Vérifiez sur ces deux plateformes s'il s'agit de deux séjours, et contactez le support ou l'un des voyageurs si c'est le cas.`;
  const paragraphs = [`Bonjour ${facts.hostName},`, `Pour votre logement « ${facts.listingTitle} » : ${main}`];
  const text = textLines([...paragraphs, "", `Vos calendriers : ${link}`, "", "— L'équipe support"]);
  const html = emailDocument([...paragraphs.map(paragraph), htmlLink(link, "Ouvrir « Mes calendriers »")], "— L'équipe support");
  return { subject, text, html };
}
