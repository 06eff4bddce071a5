// French formatting for the back-office, always in the platform's time zone so server and browser agree.
import { PLATFORM_TIME_ZONE as TIME_ZONE } from "@/server/shared/platform-time";

const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: TIME_ZONE,
});
const shortDateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", timeZone: TIME_ZONE });
const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: TIME_ZONE });
const utcDateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "UTC" });
const wallClock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: TIME_ZONE,
});
const relativeFormat = new Intl.RelativeTimeFormat("fr-FR", { numeric: "auto" });

export function formatDateTime(iso: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : "—";
}

/**
 * A stay's arrival or departure: a date alone for an all-day stay (stored at midnight, in UTC or the platform's zone,
 * depending on its calendar), date and time otherwise (« 13 déc. 2026 », « 12 déc. 2026, 16:00 »).
 */
export function formatStayMoment(iso: string): string {
  const at = new Date(iso);
  if (wallClock.format(at) === "00:00:00") return dateFormat.format(at);
  if (at.getTime() % 86_400_000 === 0) return utcDateFormat.format(at);
  return dateTimeFormat.format(at);
}

/** "12 janv." */
export function formatShortDate(iso: string): string {
  return shortDateFormat.format(new Date(iso));
}

/** "il y a 5 minutes", "hier"… */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relativeFormat.format(seconds, "second");
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relativeFormat.format(Math.round(seconds / 3600), "hour");
  return relativeFormat.format(Math.round(seconds / 86400), "day");
}

/** "7 h", "3 j", "25 min": how long something has lasted. */
export function formatDuration(sinceIso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(sinceIso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} j`;
}
