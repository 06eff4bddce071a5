import ICAL from "ical.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIcal } from "@/server/services/calendar/ical/parse-ical";
import { FeedFetchError } from "@/server/services/calendar/fetch/feed-fetch-error";
import {
  MAX_OCCURRENCES_PER_EVENT,
  MAX_OCCURRENCES_PER_FEED,
  planExpansion,
} from "@/server/services/calendar/ical/expand-recurrence";
import { toInstant } from "@/server/services/calendar/ical/zoned-time";

const NOW = new Date("2026-11-25T12:00:00Z");
const OPTIONS = { now: NOW, horizonMonths: 18, pastDays: 31 };
const calendar = (events: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", ...events, "END:VCALENDAR", ""].join("\r\n");
const event = (uid: string, lines: string[]) => ["BEGIN:VEVENT", `UID:${uid}`, ...lines, "END:VEVENT"].join("\r\n");

function errorTypeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof FeedFetchError ? error.errorType : `not a feed error: ${String(error)}`;
  }
}

/** What a plain ical.js expansion from DTSTART keeps in the window: the reference the jump must agree with. */
function referenceStarts(text: string): string[] {
  const component = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!;
  const ev = new ICAL.Event(component);
  const from = NOW.getTime() - 31 * 86_400_000;
  const horizon = new Date(NOW);
  horizon.setUTCMonth(horizon.getUTCMonth() + 18);
  const instant = (time: ICAL.Time) => toInstant(time, new Map());
  const durationMs = instant(ev.endDate).getTime() - instant(ev.startDate).getTime();
  const starts: string[] = [];
  const iterator = ev.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const start = instant(next);
    if (start > horizon) break;
    if (start.getTime() + durationMs >= from) starts.push(start.toISOString());
    if (starts.length > 3 * MAX_OCCURRENCES_PER_EVENT) break;
  }
  return starts;
}

describe("parsing bounded by work", () => {
  it("reads a daily event that began in 1900 as its occurrences in the window only, without visiting the years before", () => {
    const text = calendar([event("old@x", ["DTSTART:19000101T000000Z", "DTEND:19000101T010000Z", "RRULE:FREQ=DAILY"])]);
    const { blocks, skipped } = parseIcal(text, OPTIONS);
    expect(skipped).toBe(0);
    expect(blocks.map((b) => b.startsAt.toISOString())).toEqual(referenceStarts(text));
    expect(blocks[0]!.startsAt.toISOString()).toBe("2026-10-26T00:00:00.000Z");
    // A plain expansion would have stopped at MAX_OCCURRENCES_PER_EVENT, in 1905, and kept nothing.
    expect(blocks.length).toBeGreaterThan(500);
  });

  it("counts a simple rule's occurrences up to the horizon by arithmetic, so a bomb fails before any event is expanded", () => {
    for (const rule of [
      "FREQ=DAILY",
      "FREQ=WEEKLY;INTERVAL=2",
      "FREQ=WEEKLY;BYDAY=MO,TH",
      "FREQ=MONTHLY",
      "FREQ=HOURLY;INTERVAL=7",
      "FREQ=DAILY;UNTIL=20270301T000000Z",
    ]) {
      const text = calendar([
        event("estimate@x", ["DTSTART:19000101T000000Z", "DTEND:19000101T010000Z", `RRULE:${rule}`]),
      ]);
      const component = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!;
      const horizon = new Date(NOW);
      horizon.setUTCMonth(horizon.getUTCMonth() + 18);
      const plan = planExpansion(
        new ICAL.Event(component),
        new Date(NOW.getTime() - 31 * 86_400_000 - 3_600_000),
        horizon,
        new Map(),
      );
      const blocks = parseIcal(text, OPTIONS).blocks.length;
      expect(plan).not.toBe("none");
      const { estimate } = plan as Exclude<typeof plan, "none">;
      expect(estimate, rule).not.toBeNull();
      expect(Math.abs(estimate! - blocks), rule).toBeLessThanOrEqual(4);
    }
  });

  it("fails the recurrence bomb (300 daily events since 1900) as FEED_TOO_COMPLEX instead of expanding it", () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      event(`bomb-${i}@x`, ["DTSTART:19000101T000000Z", "RRULE:FREQ=DAILY"]),
    );
    expect(errorTypeOf(() => parseIcal(calendar(events), OPTIONS))).toBe("FEED_TOO_COMPLEX");
  });

  it("counts occurrences skipped before the window against the feed's budget when a rule cannot be jumped", () => {
    // BYHOUR rules are expanded from DTSTART: each event visits its whole per-event allowance before the window.
    const perFeed = Math.ceil(MAX_OCCURRENCES_PER_FEED / MAX_OCCURRENCES_PER_EVENT) + 1;
    const events = Array.from({ length: perFeed }, (_, i) =>
      event(`byhour-${i}@x`, ["DTSTART:19000101T100000Z", "RRULE:FREQ=DAILY;BYHOUR=10,11"]),
    );
    expect(errorTypeOf(() => parseIcal(calendar(events), OPTIONS))).toBe("FEED_TOO_COMPLEX");
    const one = parseIcal(calendar(events.slice(0, 1)), OPTIONS);
    expect(one.blocks).toHaveLength(0);
    expect(one.skipped).toBe(1);
    expect(one.skippedReasons[0]).toContain("répétitions");
  });

  it("leaves COUNT-ended and UNTIL-ended rules that stop before the window empty, and keeps what COUNT leaves inside it", () => {
    const ended = calendar([
      event("count@x", ["DTSTART:19000101T000000Z", "RRULE:FREQ=DAILY;COUNT=10"]),
      event("until@x", ["DTSTART:19000101T000000Z", "RRULE:FREQ=WEEKLY;UNTIL=19500101T000000Z"]),
    ]);
    expect(parseIcal(ended, OPTIONS).blocks).toEqual([]);
    const text = calendar([
      event("late-count@x", [
        "DTSTART:20161101T090000Z",
        "DTEND:20161101T100000Z",
        "RRULE:FREQ=DAILY;INTERVAL=3;COUNT=1235",
      ]),
    ]);
    expect(parseIcal(text, OPTIONS).blocks.map((b) => b.startsAt.toISOString())).toEqual(referenceStarts(text));
  });

  it("reads 20,000 events sharing one UID, each kept", () => {
    const events = Array.from({ length: 20_000 }, (_, i) =>
      event("same@x", [`DTSTART;VALUE=DATE:2027${String((i % 12) + 1).padStart(2, "0")}01`]),
    );
    const { blocks } = parseIcal(calendar(events), OPTIONS);
    expect(blocks).toHaveLength(20_000);
  });

  it("agrees with a plain expansion from DTSTART for any simple rule, zone, interval, COUNT or UNTIL", () => {
    const freq = fc.constantFrom("DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY");
    fc.assert(
      fc.property(
        freq,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4_000 }),
        fc.constantFrom("Z", "Europe/Paris", "America/New_York"),
        fc.option(fc.integer({ min: 1, max: 1_500 })),
        fc.boolean(),
        fc.integer({ min: 0, max: 23 }),
        (frequency, interval, daysBefore, zone, count, withByDay, hour) => {
          const spanDays =
            frequency === "HOURLY"
              ? Math.min(daysBefore, 60)
              : frequency === "DAILY"
                ? Math.min(daysBefore, 3_000)
                : daysBefore * 3;
          const start = new Date(NOW.getTime() - spanDays * 86_400_000);
          start.setUTCHours(hour, 0, 0, 0);
          if (start.getUTCDate() > 28) start.setUTCDate(28);
          const stamp = start.toISOString().replace(/[-:]/g, "").slice(0, 15);
          const dtstart = zone === "Z" ? `DTSTART:${stamp}Z` : `DTSTART;TZID=${zone}:${stamp}`;
          const dtend =
            zone === "Z"
              ? `DTEND:${stamp.slice(0, 9)}${String(hour).padStart(2, "0")}3000Z`
              : `DTEND;TZID=${zone}:${stamp.slice(0, 9)}${String(hour).padStart(2, "0")}3000`;
          const weekday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][start.getUTCDay()];
          const byDay =
            frequency === "WEEKLY" && withByDay && !count ? `;BYDAY=${weekday},${weekday === "SA" ? "SU" : "SA"}` : "";
          const rule = `RRULE:FREQ=${frequency};INTERVAL=${interval}${count ? `;COUNT=${count}` : ""}${byDay}`;
          const text = calendar([event("p@x", [dtstart, dtend, rule])]);
          const reference = referenceStarts(text);
          fc.pre(reference.length < MAX_OCCURRENCES_PER_EVENT);
          expect(parseIcal(text, OPTIONS).blocks.map((b) => b.startsAt.toISOString())).toEqual(reference);
        },
      ),
      { numRuns: 200 },
    );
  });
});
