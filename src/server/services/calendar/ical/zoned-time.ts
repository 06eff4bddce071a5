import ICAL from "ical.js";
import { ianaZoneForWindowsName } from "./windows-zones";

export const DEFAULT_TIME_ZONE = "Europe/Paris";

// Building an Intl.DateTimeFormat costs far more than using one (it was a fifth of the worker's parsing time):
// one per zone, kept. Feeds name a handful of zones; the cap only guards against a feed inventing thousands.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      formatter = null;
    }
    if (formatters.size >= 500) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone)!.formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - utcMs;
}

function isIanaZone(name: string): boolean {
  return formatterFor(name) !== null;
}

/** A wall-clock time in an IANA zone, as an instant (the two-pass offset handles DST transitions). */
export function wallTimeToDate(time: ICAL.Time, timeZone: string): Date {
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return new Date(second);
}

/**
 * Converts an ical.js time to an instant. Dates (all-day) are UTC midnight. Times in UTC convert directly;
 * a TZID is looked up in the feed's own VTIMEZONEs, then as an IANA name, then as a Windows name; floating times are read in
 * DEFAULT_TIME_ZONE, the platform's zone.
 */
export function toInstant(time: ICAL.Time, zones: Map<string, ICAL.Timezone>): Date {
  if (time.isDate) return new Date(Date.UTC(time.year, time.month - 1, time.day));
  if (time.zone === ICAL.Timezone.utcTimezone) return time.toJSDate();
  const tzid =
    (time as unknown as { timezone?: string }).timezone ??
    (time.zone?.tzid !== "floating" ? time.zone?.tzid : undefined);
  if (tzid) {
    const zone = zones.get(tzid);
    if (zone) {
      const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
      return new Date(wall - zone.utcOffset(time) * 1000);
    }
    if (isIanaZone(tzid)) return wallTimeToDate(time, tzid);
    const windowsZone = ianaZoneForWindowsName(tzid);
    if (windowsZone) return wallTimeToDate(time, windowsZone);
  }
  return wallTimeToDate(time, DEFAULT_TIME_ZONE);
}
