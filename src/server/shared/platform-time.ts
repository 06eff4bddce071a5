import { TZDate } from "@date-fns/tz";

// The back-office reads and writes times in the platform's zone, whatever the browser's.
export const PLATFORM_TIME_ZONE = "Europe/Paris";

const pad = (n: number) => String(n).padStart(2, "0");

/** The local date (YYYY-MM-DD) and hour of `now` in `timeZone`. */
export function zonedDayAndHour(now: Date, timeZone: string): { day: string; hour: number } {
  const local = new TZDate(now.getTime(), timeZone);
  return { day: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`, hour: local.getHours() };
}

/** `hour`:00 on the local date `day` (YYYY-MM-DD) plus `days`, in `timeZone`. */
export function zonedWallClock(day: string, hour: number, timeZone: string, days = 0): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date + days, hour, 0, 0, timeZone).getTime());
}

/** The given wall-clock hour `days` days after `now`'s day, in the platform's zone (« demain 9 h »). */
export function platformWallClock(now: Date, days: number, hour: number): Date {
  return zonedWallClock(zonedDayAndHour(now, PLATFORM_TIME_ZONE).day, hour, PLATFORM_TIME_ZONE, days);
}

/** A `<input type="datetime-local">` value (« 2026-12-03T09:30 ») read in the platform's zone; null when malformed. */
export function platformInputToDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(new TZDate(y, mo - 1, d, h, mi, 0, PLATFORM_TIME_ZONE).getTime());
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The `<input type="datetime-local">` value of a time, in the platform's zone. */
export function dateToPlatformInput(date: Date): string {
  const local = new TZDate(date.getTime(), PLATFORM_TIME_ZONE);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}
