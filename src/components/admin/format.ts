// Dates and durations in the reader's language, always in the platform's time zone so server and browser agree on
// the day. French is the default: a caller without a language (a log line, a test) reads French.
import { PLATFORM_TIME_ZONE as TIME_ZONE } from "@/server/shared/platform-time";
import { DEFAULT_LOCALE, INTL_TAGS, type Locale } from "@/i18n/locales";

interface Formats {
  dateTime: Intl.DateTimeFormat;
  shortDate: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  utcDate: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
}

const wallClock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: TIME_ZONE,
});

const formatsByLocale = new Map<Locale, Formats>();

function formatsOf(locale: Locale): Formats {
  let formats = formatsByLocale.get(locale);
  if (!formats) {
    const tag = INTL_TAGS[locale];
    formats = {
      dateTime: new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }),
      shortDate: new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", timeZone: TIME_ZONE }),
      date: new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: TIME_ZONE }),
      utcDate: new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" }),
      relative: new Intl.RelativeTimeFormat(tag, { numeric: "auto" }),
    };
    formatsByLocale.set(locale, formats);
  }
  return formats;
}

export function formatDateTime(iso: string | null, locale: Locale = DEFAULT_LOCALE): string {
  return iso ? formatsOf(locale).dateTime.format(new Date(iso)) : "—";
}

/**
 * A stay's arrival or departure: a date alone for an all-day stay (stored at midnight, in UTC or the platform's zone,
 * depending on its calendar), date and time otherwise (« 13 déc. 2026 », « 12 déc. 2026, 16:00 »).
 */
export function formatStayMoment(iso: string, locale: Locale = DEFAULT_LOCALE): string {
  const at = new Date(iso);
  const formats = formatsOf(locale);
  if (wallClock.format(at) === "00:00:00") return formats.date.format(at);
  if (at.getTime() % 86_400_000 === 0) return formats.utcDate.format(at);
  return formats.dateTime.format(at);
}

/** "12 janv.", "12 Jan" */
export function formatShortDate(iso: string, locale: Locale = DEFAULT_LOCALE): string {
  return formatsOf(locale).shortDate.format(new Date(iso));
}

/** "il y a 5 minutes", "hier", "5 minutes ago"… */
export function formatRelative(iso: string, now = Date.now(), locale: Locale = DEFAULT_LOCALE): string {
  const relative = formatsOf(locale).relative;
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, "second");
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  return relative.format(Math.round(seconds / 86400), "day");
}

/** "7 h", "3 j", "25 min" (English: "7 h", "3 d"): how long something has lasted. */
export function formatDuration(sinceIso: string, now = Date.now(), locale: Locale = DEFAULT_LOCALE): string {
  const minutes = Math.max(0, Math.round((now - new Date(sinceIso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} ${locale === "en" ? "d" : "j"}`;
}
