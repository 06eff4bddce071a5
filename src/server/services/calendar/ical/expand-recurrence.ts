import ICAL from "ical.js";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import { toInstant } from "./zoned-time";

/** Occurrences one event may visit (skipped ones included) before the rest of it is left out. */
export const MAX_OCCURRENCES_PER_EVENT = 2_000;
/**
 * Occurrences a whole feed may visit: past this the feed fails FEED_TOO_COMPLEX (about a second of work). Equal to the
 * parser's cap on blocks, so a feed that would keep too many blocks is caught here, before it kept them.
 */
export const MAX_OCCURRENCES_PER_FEED = 50_000;

/** The work a parse may still do; shared by every event of one feed. */
export interface ParseBudget {
  occurrencesLeft: number;
}

export function newParseBudget(): ParseBudget {
  return { occurrencesLeft: MAX_OCCURRENCES_PER_FEED };
}

export function tooComplex(): FeedFetchError {
  return new FeedFetchError(
    "FEED_TOO_COMPLEX",
    `Le calendrier demande trop de calcul : ses événements répétés produisent plus de ${MAX_OCCURRENCES_PER_FEED} occurrences à examiner.`,
  );
}

const FIXED_STEPS: Record<string, { days: number; hours: number; minutes: number; seconds: number; ms: number }> = {
  SECONDLY: { days: 0, hours: 0, minutes: 0, seconds: 1, ms: 1_000 },
  MINUTELY: { days: 0, hours: 0, minutes: 1, seconds: 0, ms: 60_000 },
  HOURLY: { days: 0, hours: 1, minutes: 0, seconds: 0, ms: 3_600_000 },
  DAILY: { days: 1, hours: 0, minutes: 0, seconds: 0, ms: 86_400_000 },
  WEEKLY: { days: 7, hours: 0, minutes: 0, seconds: 0, ms: 7 * 86_400_000 },
};
const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

function hasParts(recur: ICAL.Recur, allowed: string[] = []): boolean {
  return Object.entries(recur.parts ?? {}).some(([name, values]) => !allowed.includes(name) && Array.isArray(values) && values.length > 0);
}

/**
 * Where to start expanding a rule so that the occurrences before `from` are not visited one by one: for a rule whose
 * occurrences are a fixed step apart (no BY parts, or a weekly rule on its start's weekdays), the start moved forward
 * by whole steps to just before `from`. An event starting in 1900 then costs what one starting last month costs.
 * Returns null when the rule cannot be jumped (the iteration starts at DTSTART), "none" when COUNT ends it before.
 */
export function jumpAhead(event: ICAL.Event, from: Date, zones: Map<string, ICAL.Timezone>): ICAL.Time | "none" | null {
  const rules = event.component.getAllProperties("rrule");
  if (rules.length !== 1 || event.component.hasProperty("rdate")) return null;
  const recur = rules[0]!.getFirstValue() as ICAL.Recur;
  const interval = Math.max(1, recur.interval || 1);
  const start = event.startDate;
  const startMs = toInstant(start, zones).getTime();
  const gapMs = from.getTime() - startMs;
  if (!(gapMs > 0)) return null;

  let steps: number;
  const anchor = start.clone();
  const fixed = FIXED_STEPS[recur.freq];
  if (fixed) {
    if (recur.freq === "WEEKLY") {
      const byDay = recur.parts?.BYDAY ?? [];
      if (hasParts(recur, ["BYDAY"]) || (byDay.length > 0 && (recur.count || !byDay.every((day) => WEEKDAYS.includes(String(day))) || !byDay.includes(WEEKDAYS[start.dayOfWeek() - 1]!)))) return null;
    } else if (hasParts(recur)) return null;
    // One step short, so that a daylight-saving shift between wall time and instants never overshoots.
    steps = Math.floor(gapMs / (fixed.ms * interval)) - 1;
    if (steps <= 0) return null;
    if (recur.count && steps >= recur.count) return "none";
    const n = steps * interval;
    anchor.adjust(fixed.days * n, fixed.hours * n, fixed.minutes * n, fixed.seconds * n);
  } else if ((recur.freq === "MONTHLY" || recur.freq === "YEARLY") && !hasParts(recur) && start.day <= 28) {
    const monthsPerStep = interval * (recur.freq === "YEARLY" ? 12 : 1);
    const fromDate = new Date(from);
    const gapMonths = (fromDate.getUTCFullYear() - start.year) * 12 + (fromDate.getUTCMonth() + 1 - start.month);
    steps = Math.floor(gapMonths / monthsPerStep) - 1;
    if (steps <= 0) return null;
    if (recur.count && steps >= recur.count) return "none";
    const month = start.year * 12 + (start.month - 1) + steps * monthsPerStep;
    anchor.year = Math.floor(month / 12);
    anchor.month = (month % 12) + 1;
  } else {
    return null;
  }
  // COUNT counts from the start: the occurrences jumped over are taken off it (this event's own copy of the rule).
  if (recur.count) recur.count -= steps;
  return anchor;
}
