// How a double booking is said, the same in the back-office, to the host and in the e-mails. Nights are YYYY-MM-DD in
// the listing's time zone; a stay's last day is the morning after its last night.
import { formatMessage } from "./messages";

const DAY_MS = 86_400_000;
const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const longDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "long" });
const shortDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "short" });
const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

export const nightsText = (nights: number) => formatMessage("nights", { count: nights });

/** « 12 déc. » */
export const shortNight = (isoDate: string) => shortDay.format(dayOf(isoDate));

/** « du 12 au 14 décembre »: from the first night to the morning after the last, when the second guest would leave. */
export function conflictPeriod(firstNight: string, lastNight: string): string {
  const from = dayOf(firstNight);
  const to = new Date(dayOf(lastNight).getTime() + DAY_MS);
  const sameMonth = from.getUTCMonth() === to.getUTCMonth();
  return `du ${sameMonth ? from.getUTCDate() : longDay.format(from)} au ${longDay.format(to)}`;
}

export const certaintyLabel = (certainty: "certain" | "probable") => (certainty === "certain" ? "Double réservation" : "Double réservation probable");

export const stayKindLabel = (kind: "reservation" | "blocked" | "unknown") =>
  kind === "reservation" ? "Réservation" : kind === "blocked" ? "Dates bloquées" : "Période fermée (sans détail)";

/** « ce soir », « demain », « dans 4 jours », « commencé il y a 2 jours », from the first night and the time now. */
export function untilFirstNight(firstNight: string, now: number): string {
  const today = parisDay.format(new Date(now));
  const days = Math.round((dayOf(firstNight).getTime() - dayOf(today).getTime()) / DAY_MS);
  if (days === 0) return "ce soir";
  if (days === 1) return "demain";
  if (days > 1) return `dans ${days} jours`;
  return days === -1 ? "commencé hier" : `commencé il y a ${-days} jours`;
}

/** What a host reads about a double booking of their listing, on « Mes calendriers » and in the e-mail. */
export function hostConflictMessage(conflict: { certainty: "certain" | "probable"; firstNight: string; lastNight: string; providers: [string, string] }): string {
  const period = conflictPeriod(conflict.firstNight, conflict.lastNight);
  const [a, b] = conflict.providers;
  return conflict.certainty === "certain"
    ? `Deux réservations se chevauchent ${period} : ${a} et ${b}. Contactez le support ou l'un des voyageurs dès maintenant.`
    : `Une réservation et une période fermée se chevauchent ${period} : ${a} et ${b}. Vérifiez sur ces deux plateformes s'il s'agit de deux séjours, et contactez le support ou l'un des voyageurs si c'est le cas.`;
}
