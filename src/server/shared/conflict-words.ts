// How a double booking is said, the same in the back-office, to the host and in the e-mails, in the reader's
// language. Nights are YYYY-MM-DD in the listing's time zone; a stay's last day is the morning after its last night.
import { formatMessage } from "./messages";
import { PLATFORM_PROVIDER } from "./platform-source";
import { conflictsCatalogue } from "../../i18n/catalogue/conflicts";
import { DEFAULT_LOCALE, INTL_TAGS, type Locale } from "../../i18n/locales";
import { translator } from "../../i18n/translator";

const DAY_MS = 86_400_000;
const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const dayFormats = new Map<Locale, { long: Intl.DateTimeFormat; short: Intl.DateTimeFormat }>();
function dayFormatsOf(locale: Locale) {
  let formats = dayFormats.get(locale);
  if (!formats) {
    formats = {
      long: new Intl.DateTimeFormat(INTL_TAGS[locale], { timeZone: "UTC", day: "numeric", month: "long" }),
      short: new Intl.DateTimeFormat(INTL_TAGS[locale], { timeZone: "UTC", day: "numeric", month: "short" }),
    };
    dayFormats.set(locale, formats);
  }
  return formats;
}
const parisDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const words = (locale: Locale) => translator(conflictsCatalogue, locale);

export const nightsText = (nights: number, locale: Locale = DEFAULT_LOCALE) =>
  formatMessage("nights", { count: nights }, locale);

/** « 12 déc. », « 12 Dec » */
export const shortNight = (isoDate: string, locale: Locale = DEFAULT_LOCALE) =>
  dayFormatsOf(locale).short.format(dayOf(isoDate));

/** « du 12 au 14 décembre »: from the first night to the morning after the last, when the second guest would leave. */
export function conflictPeriod(firstNight: string, lastNight: string, locale: Locale = DEFAULT_LOCALE): string {
  const from = dayOf(firstNight);
  const to = new Date(dayOf(lastNight).getTime() + DAY_MS);
  const { long } = dayFormatsOf(locale);
  const sameMonth = from.getUTCMonth() === to.getUTCMonth();
  return sameMonth
    ? words(locale)("periodSameMonth", { fromDay: from.getUTCDate(), to: long.format(to) })
    : words(locale)("period", { from: long.format(from), to: long.format(to) });
}

export const certaintyLabel = (certainty: "certain" | "probable", locale: Locale = DEFAULT_LOCALE) =>
  words(locale)(certainty === "certain" ? "certain" : "probable");

export const stayKindLabel = (kind: "reservation" | "blocked" | "unknown", locale: Locale = DEFAULT_LOCALE) =>
  words(locale)(kind === "reservation" ? "stayReservation" : kind === "blocked" ? "stayBlocked" : "stayUnknown");

/** « ce soir », « demain », « dans 4 jours », « commencé il y a 2 jours », from the first night and the time now. */
export function untilFirstNight(firstNight: string, now: number, locale: Locale = DEFAULT_LOCALE): string {
  const today = parisDay.format(new Date(now));
  const days = Math.round((dayOf(firstNight).getTime() - dayOf(today).getTime()) / DAY_MS);
  return words(locale)("untilFirstNight", { days, future: days > 1 ? "yes" : "no", ago: -days });
}

const MACHINE_RESOLUTIONS: Record<
  string,
  "resolution.feedRemoved" | "resolution.listingWithdrawn" | "resolution.vanished"
> = {
  "calendrier retiré": "resolution.feedRemoved",
  "annonce retirée de la plateforme": "resolution.listingWithdrawn",
  "chevauchement disparu": "resolution.vanished",
};

/** How a conflict ended, in `locale`: the system's own resolutions (stored in French) translated, a person's reason as written. */
export function conflictResolutionText(resolution: string | null, locale: Locale = DEFAULT_LOCALE): string {
  if (resolution === null) return "";
  const key = MACHINE_RESOLUTIONS[resolution];
  return key ? words(locale)(key) : resolution;
}

/** The other platform of a conflict with the platform's own reservation; null when neither side is the platform's. */
export function directBookingRival(providers: readonly [string, string]): string | null {
  const [a, b] = providers;
  return a === PLATFORM_PROVIDER ? b : b === PLATFORM_PROVIDER ? a : null;
}

/** « Réservé sur la plateforme et sur Airbnb », or « Double réservation (probable) » for two feeds. */
export function conflictHeadline(
  conflict: { certainty: "certain" | "probable"; providers: readonly [string, string] },
  locale: Locale = DEFAULT_LOCALE,
): string {
  const rival = directBookingRival(conflict.providers);
  return rival && conflict.certainty === "certain"
    ? words(locale)("directHeadline", { rival })
    : certaintyLabel(conflict.certainty, locale);
}

/** What a host reads about a double booking of their listing, on « Mes calendriers » and in the e-mail. */
export function hostConflictMessage(
  conflict: { certainty: "certain" | "probable"; firstNight: string; lastNight: string; providers: [string, string] },
  locale: Locale = DEFAULT_LOCALE,
): string {
  const period = conflictPeriod(conflict.firstNight, conflict.lastNight, locale);
  const [a, b] = conflict.providers;
  const rival = directBookingRival(conflict.providers);
  const t = words(locale);
  if (rival && conflict.certainty === "certain") return t("hostDirect", { rival, period });
  return t(conflict.certainty === "certain" ? "hostCertain" : "hostProbable", { period, a, b });
}
