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
  return Object.entries(recur.parts ?? {}).some(
    ([name, values]) => !allowed.includes(name) && Array.isArray(values) && values.length > 0,
  );
}

/** Where a rule's expansion starts, and how many occurrences it will visit up to the horizon when that can be told. */
export interface ExpansionPlan {
  /** Undefined: from DTSTART. */
  start: ICAL.Time | undefined;
  /** Occurrences from `start` to the horizon for a rule whose occurrences are a fixed step apart; null otherwise. */
  estimate: number | null;
}

const FROM_DTSTART: ExpansionPlan = { start: undefined, estimate: null };

/**
 * Where to start expanding a rule so that the occurrences before `from` are not visited one by one: for a rule whose
 * occurrences are a fixed step apart (no BY parts, or a weekly rule on its start's weekdays), the start moved forward
 * by whole steps to just before `from`. An event starting in 1900 then costs what one starting last month costs. For
 * such a rule the occurrences up to the horizon are counted by arithmetic, so that a feed whose events would visit
 * more than its budget fails before any is expanded. "none" when COUNT ends the rule before `from`.
 */
export function planExpansion(
  event: ICAL.Event,
  from: Date,
  horizonEnd: Date,
  zones: Map<string, ICAL.Timezone>,
): ExpansionPlan | "none" {
  const rules = event.component.getAllProperties("rrule");
  if (rules.length !== 1 || event.component.hasProperty("rdate")) return FROM_DTSTART;
  const recur = rules[0]!.getFirstValue() as ICAL.Recur;
  const interval = Math.max(1, recur.interval || 1);
  const start = event.startDate;
  const startMs = toInstant(start, zones).getTime();
  const gapMs = from.getTime() - startMs;
  const untilMs = recur.until ? toInstant(recur.until, zones).getTime() : Infinity;
  const endMs = Math.min(horizonEnd.getTime(), untilMs);
  if (Number.isNaN(startMs)) return FROM_DTSTART;

  let steps = 0;
  let perStep = 1;
  let stepsToEnd: number;
  const anchor = start.clone();
  const fixed = FIXED_STEPS[recur.freq];
  if (fixed) {
    if (recur.freq === "WEEKLY") {
      const byDay = recur.parts?.BYDAY ?? [];
      if (
        hasParts(recur, ["BYDAY"]) ||
        (byDay.length > 0 &&
          (recur.count ||
            !byDay.every((day) => WEEKDAYS.includes(String(day))) ||
            !byDay.includes(WEEKDAYS[start.dayOfWeek() - 1]!)))
      )
        return FROM_DTSTART;
      perStep = Math.max(1, byDay.length);
    } else if (hasParts(recur)) return FROM_DTSTART;
    const stepMs = fixed.ms * interval;
    // One step short, so that a daylight-saving shift between wall time and instants never overshoots.
    if (gapMs > 0) steps = Math.max(0, Math.floor(gapMs / stepMs) - 1);
    stepsToEnd = Math.floor((endMs - startMs) / stepMs) - steps + 1;
    if (steps > 0) {
      if (recur.count && steps >= recur.count) return "none";
      const n = steps * interval;
      anchor.adjust(fixed.days * n, fixed.hours * n, fixed.minutes * n, fixed.seconds * n);
    }
  } else if ((recur.freq === "MONTHLY" || recur.freq === "YEARLY") && !hasParts(recur) && start.day <= 28) {
    const monthsPerStep = interval * (recur.freq === "YEARLY" ? 12 : 1);
    const monthsTo = (date: Date) => (date.getUTCFullYear() - start.year) * 12 + (date.getUTCMonth() + 1 - start.month);
    if (gapMs > 0) steps = Math.max(0, Math.floor(monthsTo(from) / monthsPerStep) - 1);
    stepsToEnd = Number.isFinite(endMs) ? Math.floor(monthsTo(new Date(endMs)) / monthsPerStep) - steps + 1 : Infinity;
    if (steps > 0) {
      if (recur.count && steps >= recur.count) return "none";
      const month = start.year * 12 + (start.month - 1) + steps * monthsPerStep;
      anchor.year = Math.floor(month / 12);
      anchor.month = (month % 12) + 1;
    }
  } else {
    return FROM_DTSTART;
  }
  // COUNT counts from the start: the occurrences jumped over are taken off it (this event's own copy of the rule).
  if (recur.count) recur.count -= steps;
  const estimate = Math.max(0, Math.min(stepsToEnd * perStep, recur.count || Infinity));
  return { start: steps > 0 ? anchor : undefined, estimate: Number.isFinite(estimate) ? estimate : null };
}
