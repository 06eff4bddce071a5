import { describe, expect, it } from "vitest";
import { readBody } from "@/server/services/calendar/ical/feed-body-reader";
import { demoCalendar } from "@/demo/demo-ics";

const day = new Date("2027-01-04T00:00:00Z");
// The hash the worker compares, as it computes it (from the lines it parses).
const normalisedBodyHash = (body: string) => readBody(body, null, { now: day, horizonMonths: 18 }).bodyHash;

describe("the normalised body hash", () => {
  it("is the same for two downloads that differ only in their per-response stamps", () => {
    for (const style of ["airbnb", "booking", "vrbo", "google"]) {
      const first = demoCalendar(style, "listing-1", day, new Date("2027-01-04T10:00:00Z"));
      const second = demoCalendar(style, "listing-1", day, new Date("2027-01-04T10:00:01Z"));
      expect(normalisedBodyHash(first)).toBe(normalisedBodyHash(second));
    }
    const stamped =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\nLAST-MODIFIED:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const restamped = stamped.replace(/20270101T000000Z/g, "20270202T121212Z").replace(/\r\n/g, "\n");
    expect(normalisedBodyHash(stamped)).toBe(normalisedBodyHash(restamped));
  });

  it("changes when anything the import reads changes", () => {
    const body = demoCalendar("booking", "listing-1", day, day);
    const moved = body.replace(/DTSTART;VALUE=DATE:(\d{8})/, "DTSTART;VALUE=DATE:20991231");
    expect(normalisedBodyHash(moved)).not.toBe(normalisedBodyHash(body));
    expect(normalisedBodyHash(demoCalendar("booking", "listing-2", day, day))).not.toBe(normalisedBodyHash(body));
  });
});
