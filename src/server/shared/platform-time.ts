import { TZDate } from "@date-fns/tz";

// The back-office reads and writes times in the platform's zone, whatever the browser's.
export const PLATFORM_TIME_ZONE = "Europe/Paris";

/** The given wall-clock hour `days` days after `now`'s day, in the platform's zone (« demain 9 h »). */
export function platformWallClock(now: Date, days: number, hour: number): Date {
  const today = new TZDate(now.getTime(), PLATFORM_TIME_ZONE);
  return new Date(new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + days, hour, 0, 0, PLATFORM_TIME_ZONE).getTime());
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
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}
