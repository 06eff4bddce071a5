// How a double booking is said, the same in the back-office, to the host and in the e-mails. Nights are YYYY-MM-DD in
// the listing's time zone; a stay's last day is the morning after its last night.
import { formatMessage } from "./messages";
import { PLATFORM_PROVIDER } from "./platform-source";

const DAY_MS = 86_400_000;
const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const longDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "long" });
const shortDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "short" });
const parisDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

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

export const certaintyLabel = (certainty: "certain" | "probable") =>
  certainty === "certain" ? "Double réservation" : "Double réservation probable";

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

/** The other platform of a conflict with the platform's own reservation; null when neither side is the platform's. */
export function directBookingRival(providers: readonly [string, string]): string | null {
  const [a, b] = providers;
  return a === PLATFORM_PROVIDER ? b : b === PLATFORM_PROVIDER ? a : null;
}

/** « Réservé sur la plateforme et sur Airbnb », or « Double réservation (probable) » for two feeds. */
export function conflictHeadline(conflict: {
  certainty: "certain" | "probable";
  providers: readonly [string, string];
}): string {
  const rival = directBookingRival(conflict.providers);
  return rival && conflict.certainty === "certain"
    ? `Réservé sur la plateforme et sur ${rival}`
    : certaintyLabel(conflict.certainty);
}

/** What a host reads about a double booking of their listing, on « Mes calendriers » and in the e-mail. */
export function hostConflictMessage(conflict: {
  certainty: "certain" | "probable";
  firstNight: string;
  lastNight: string;
  providers: [string, string];
}): string {
  const period = conflictPeriod(conflict.firstNight, conflict.lastNight);
  const [a, b] = conflict.providers;
  const rival = directBookingRival(conflict.providers);
  if (rival && conflict.certainty === "certain") {
    return `Réservé sur la plateforme et sur ${rival} ${period} : deux voyageurs pour les mêmes nuits. Fermez ces dates sur ${rival} et contactez le support dès maintenant.`;
  }
  return conflict.certainty === "certain"
    ? `Deux réservations se chevauchent ${period} : ${a} et ${b}. Contactez le support ou l'un des voyageurs dès maintenant.`
    : `Une réservation et une période fermée se chevauchent ${period} : ${a} et ${b}. Vérifiez sur ces deux plateformes s'il s'agit de deux séjours, et contactez le support ou l'un des voyageurs si c'est le cas.`;
}
