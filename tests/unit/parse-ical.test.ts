import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseIcal } from "@/server/services/calendar/ical/parse-ical";
import { FeedFetchError } from "@/server/services/calendar/fetch/feed-fetch-error";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/ical", name), "utf8");
const NOW = new Date("2026-11-25T12:00:00Z");
const parse = (name: string) => parseIcal(fixture(name), { now: NOW, horizonMonths: 18 });
const iso = (date: Date) => date.toISOString();

describe("parseIcal", () => {
  it("reads Airbnb's date-only reservations as all-day blocks with exclusive end dates", () => {
    const { blocks, skipped } = parse("airbnb.ics");
    expect(skipped).toBe(0);
    expect(blocks.map((b) => [b.uid, iso(b.startsAt), iso(b.endsAt), b.allDay, b.summary])).toEqual([
      ["1418fb94e984-a1b2c3@airbnb.com", "2027-01-12T00:00:00.000Z", "2027-01-15T00:00:00.000Z", true, "Reserved"],
      [
        "1418fb94e984-d4e5f6@airbnb.com",
        "2027-02-01T00:00:00.000Z",
        "2027-02-05T00:00:00.000Z",
        true,
        "Airbnb (Not available)",
      ],
    ]);
  });

  it("reads a wild export: BOM, blank lines and spaces before BEGIN, mixed line ends, lower-case names, no VERSION, Windows TZID, no DTEND, DTEND = DTSTART, no UID", () => {
    const { blocks, skipped } = parse("wild-export.ics");
    expect(skipped).toBe(0);
    const byUid = Object.fromEntries(blocks.map((b) => [b.uid, b]));
    expect([iso(byUid["lower-case@wild"]!.startsAt), iso(byUid["lower-case@wild"]!.endsAt)]).toEqual([
      "2027-03-01T00:00:00.000Z",
      "2027-03-04T00:00:00.000Z",
    ]);
    // Eastern Standard Time is New York's zone: 16:00 in July (EDT) is 20:00 UTC.
    expect([iso(byUid["windows-zone@wild"]!.startsAt), iso(byUid["windows-zone@wild"]!.endsAt)]).toEqual([
      "2027-07-10T20:00:00.000Z",
      "2027-07-10T22:00:00.000Z",
    ]);
    expect(iso(byUid["no-dtend@wild"]!.endsAt)).toBe("2027-04-02T00:00:00.000Z");
    expect(iso(byUid["dtend-equals-dtstart@wild"]!.endsAt)).toBe("2027-05-02T10:00:00.000Z");
    const withoutUid = blocks.filter((b) => !b.uid.endsWith("@wild"));
    expect(withoutUid.map((b) => iso(b.startsAt))).toEqual(["2027-06-01T00:00:00.000Z"]);
  });

  it("accepts a calendar preceded by blank lines, spaces or a BOM, and still refuses text that is not one", () => {
    const body = fixture("airbnb.ics");
    for (const prefix of ["\n\n", "  \r\n\t", "\uFEFF\r\n "])
      expect(parseIcal(prefix + body, { now: NOW, horizonMonths: 18 }).blocks).toHaveLength(2);
    expect(() => parseIcal("\n\nhello\nBEGIN:VCALENDAR\nEND:VCALENDAR", { now: NOW, horizonMonths: 18 })).toThrowError(
      FeedFetchError,
    );
  });

  it("drops NUL characters, which PostgreSQL text cannot hold, instead of failing every sync of the feed", () => {
    const withNul = fixture("airbnb.ics")
      .replace("SUMMARY:Reserved", "SUMMARY:Rese\u0000rved")
      .replace("@airbnb.com", "@air\u0000bnb.com");
    const { blocks } = parseIcal(withNul, { now: NOW, horizonMonths: 18 });
    expect(blocks.map((b) => [b.uid, b.summary])[0]).toEqual(["1418fb94e984-a1b2c3@airbnb.com", "Reserved"]);
    expect(JSON.stringify(blocks)).not.toContain("\\u0000");
  });

  it("accepts LF line endings and a byte-order mark (Booking.com)", () => {
    expect(parse("booking.ics").blocks).toHaveLength(1);
  });

  it("converts TZID times with the feed's VTIMEZONE, an IANA name, or UTC", () => {
    const byUid = Object.fromEntries(parse("vrbo-timezone.ics").blocks.map((b) => [b.uid, b]));
    expect(iso(byUid["vrbo-summer@homeaway.com"]!.startsAt)).toBe("2027-07-10T14:00:00.000Z");
    expect(iso(byUid["vrbo-summer@homeaway.com"]!.endsAt)).toBe("2027-07-17T08:00:00.000Z");
    expect(iso(byUid["vrbo-winter@homeaway.com"]!.startsAt)).toBe("2027-01-10T20:00:00.000Z");
    expect(iso(byUid["vrbo-winter@homeaway.com"]!.endsAt)).toBe("2027-01-10T22:00:00.000Z");
    expect(iso(byUid["vrbo-utc@homeaway.com"]!.startsAt)).toBe("2027-04-01T12:00:00.000Z");
    expect(byUid["vrbo-utc@homeaway.com"]!.allDay).toBe(false);
  });

  it("reads each feed's VTIMEZONE by its own rules, also when another feed named the same TZID differently", () => {
    // Zones are kept between parses (their expansion was half of a Vrbo feed's parse): a feed whose « Europe/Paris »
    // is a fixed +03:00 must not get the real one's rules, nor the other way round, whichever is read first.
    const fixedRules = fixture("vrbo-timezone.ics").replace(
      /BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE\r?\n/,
      [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0300",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
      ].join("\r\n"),
    );
    const summerStart = (text: string) =>
      iso(
        parseIcal(text, { now: NOW, horizonMonths: 18 }).blocks.find((b) => b.uid === "vrbo-summer@homeaway.com")!
          .startsAt,
      );
    for (let round = 0; round < 3; round++) {
      expect(summerStart(fixedRules)).toBe("2027-07-10T13:00:00.000Z");
      expect(summerStart(fixture("vrbo-timezone.ics"))).toBe("2027-07-10T14:00:00.000Z");
    }
  });

  it("expands recurring events with exceptions, drops cancelled and free ones, stops at the horizon", () => {
    const { blocks } = parse("google-recurring.ics");
    const weekly = blocks.filter((b) => b.uid.startsWith("weekly-cleaning")).map((b) => iso(b.startsAt).slice(0, 10));
    expect(weekly).toEqual(["2026-12-07", "2026-12-22", "2026-12-28"]);
    expect(blocks.some((b) => b.uid.startsWith("cancelled") || b.uid.startsWith("free"))).toBe(false);
    const daily = blocks.filter((b) => b.uid.startsWith("endless"));
    expect(daily.length).toBeGreaterThan(500);
    expect(daily.at(-1)!.startsAt.getTime()).toBeLessThanOrEqual(new Date("2028-05-25T12:00:00Z").getTime());
  });

  it("skips and counts a malformed event without losing the others", () => {
    const { blocks, skipped, skippedReasons } = parse("one-bad-event.ics");
    expect(blocks.map((b) => b.uid)).toEqual(["good-1", "good-2"]);
    expect(skipped).toBe(2);
    expect(skippedReasons.join(" ")).toContain("bad-1");
  });

  it("ends an event without DTEND after its DURATION, or after one day", () => {
    const byUid = Object.fromEntries(parse("missing-dtend.ics").blocks.map((b) => [b.uid, b]));
    expect(iso(byUid.duration!.endsAt)).toBe("2027-07-04T00:00:00.000Z");
    expect(iso(byUid["no-end-date"]!.endsAt)).toBe("2027-08-02T00:00:00.000Z");
    expect(iso(byUid["no-end-time"]!.endsAt)).toBe("2027-09-02T14:00:00.000Z");
  });

  it("unfolds folded lines", () => {
    const [block] = parse("folded.ics").blocks;
    expect(block!.uid).toBe("folded-uid-which-is-quite-long-and-was-folded@example.com");
    expect(block!.summary).toContain("plié sur plusieurs lignes");
  });

  it("keeps a space that falls at a fold: in a summary, and in a Windows time zone name", () => {
    // Providers fold at 75 octets, often just after a space. Cutting line ends before joining made « Famille Dupont »
    // « FamilleDupont », and « W. Europe Standard Time » an unknown zone read in the platform's default one.
    const text = [
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:folded-space",
      "DTSTART;TZID=Pacific Standard ",
      " Time:20270710T160000",
      "DURATION:PT2H",
      "SUMMARY:Réservé - Famille ",
      " Dupont",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const [block] = parseIcal(text, { now: NOW, horizonMonths: 18 }).blocks;
    expect(block!.summary).toBe("Réservé - Famille Dupont");
    expect(iso(block!.startsAt)).toBe("2027-07-10T23:00:00.000Z");
  });

  it("reads an empty VCALENDAR as a valid, empty calendar", () => {
    expect(parse("empty.ics")).toEqual({ blocks: [], skipped: 0, skippedReasons: [] });
  });

  it.each([
    ["page.html", /HTML/],
    ["api.json", /JSON/],
    ["truncated.ics", /incomplet/],
  ])("refuses %s as INVALID_ICAL", (name, message) => {
    const error = (() => {
      try {
        parse(name);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(FeedFetchError);
    expect(error).toMatchObject({ errorType: "INVALID_ICAL", message: expect.stringMatching(message) });
  });
});
