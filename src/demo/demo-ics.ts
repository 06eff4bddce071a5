import { createHash } from "node:crypto";
import { DEMO_LISTINGS } from "./demo-data";
import { DIRECT_BOOKING_DAYS, DIRECT_BOOKING_LISTING } from "./demo-platform-data";

const DAY_MS = 86_400_000;

function seeded(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

const ymd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, "");
const stamp = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;

/**
 * Stays of 2-7 nights spread over the coming months, stable for a listing and a day, and the same for every platform
 * of the listing: each stay is booked on one platform and closed on the others, as channel managers and platforms
 * importing each other's calendars show it.
 */
function stays(
  seed: string,
  today: Date,
  count: number,
  fromDay = 0,
): Array<{ start: Date; end: Date; id: string; bookedOn: string }> {
  const random = seeded(seed);
  const result: Array<{ start: Date; end: Date; id: string; bookedOn: string }> = [];
  let cursor = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) +
      (fromDay + Math.floor(random() * 6 + 2)) * DAY_MS,
  );
  for (let i = 0; i < count; i++) {
    const nights = 2 + Math.floor(random() * 6);
    const end = new Date(cursor.getTime() + nights * DAY_MS);
    result.push({
      start: cursor,
      end,
      id: createHash("sha1").update(`${seed}:${i}`).digest("hex").slice(0, 12),
      bookedOn: BOOKING_PLATFORMS[Math.floor(random() * BOOKING_PLATFORMS.length)]!,
    });
    cursor = new Date(end.getTime() + Math.floor(random() * 12 + 1) * DAY_MS);
  }
  return result;
}

// Where the demo's guests book; the host's Google calendar only mirrors stays.
const BOOKING_PLATFORMS = ["airbnb", "booking", "vrbo"] as const;

/**
 * The demo's double bookings, next week: two listings whose platforms did not see each other's booking in time.
 * - certain: booked on Airbnb for 3 nights and on Vrbo for 3 nights a day later: 2 nights in common;
 * - probable: booked on Airbnb, and a Booking.com « CLOSED » shifted by a day (Booking.com does not say which).
 * Their other stays start after them.
 */
function doubleBookingOf(
  listingId: string,
  style: string,
  today: Date,
): Array<{ start: Date; end: Date; id: string; bookedOn: string }> {
  const day = (offset: number) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + offset * DAY_MS);
  // The platform's own listing whose Airbnb calendar sold nights the platform sold too (demo-platform-data.ts).
  if (listingId === DIRECT_BOOKING_LISTING && style === "airbnb")
    return [
      {
        start: day(DIRECT_BOOKING_DAYS.airbnb.from),
        end: day(DIRECT_BOOKING_DAYS.airbnb.to),
        id: `direct-${listingId}`,
        bookedOn: "airbnb",
      },
    ];
  const kind = DEMO_LISTINGS.find((listing) => listing.id === listingId)?.doubleBooking;
  if (!kind) return [];
  if (style === "airbnb") return [{ start: day(7), end: day(10), id: `double-${listingId}`, bookedOn: "airbnb" }];
  if (kind === "certain" && style === "vrbo")
    return [{ start: day(8), end: day(11), id: `double-${listingId}`, bookedOn: "vrbo" }];
  if (kind === "probable" && style === "booking")
    return [{ start: day(8), end: day(11), id: `double-${listingId}`, bookedOn: "booking" }];
  return [];
}

const fold = (line: string) => line.match(/.{1,74}/g)!.join("\r\n ");

/** A calendar in the style of the provider's real exports (PRODID, summaries, date-only or zoned times). */
export function demoCalendar(
  style: string,
  listingId: string,
  today = new Date(),
  generatedAt = today,
  stayCount = 10,
): string {
  // Like real exports, every response is stamped with the time it was generated.
  const now = stamp(generatedAt);
  const special = doubleBookingOf(listingId, style, today);
  const listed = DEMO_LISTINGS.some((listing) => listing.id === listingId && listing.doubleBooking);
  const events = [
    ...special,
    ...stays(listingId, today, stayCount, listingId === DIRECT_BOOKING_LISTING ? 20 : listed ? 14 : 0),
  ];
  const lines: string[] = ["BEGIN:VCALENDAR", "VERSION:2.0", "CALSCALE:GREGORIAN"];
  if (style === "airbnb") {
    lines.push("PRODID;X-RICAL-TZSOURCE=TZINFO:-//Airbnb Inc//Hosting Calendar 1.0//EN");
    for (const [i, stay] of events.entries()) {
      lines.push(
        "BEGIN:VEVENT",
        `DTEND;VALUE=DATE:${ymd(stay.end)}`,
        `DTSTART;VALUE=DATE:${ymd(stay.start)}`,
        `UID:${stay.id}-${listingId}@airbnb.com`,
      );
      if (stay.bookedOn !== "airbnb") lines.push("SUMMARY:Airbnb (Not available)");
      else
        lines.push(
          fold(
            `DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/details/HM${stay.id.toUpperCase()}\\nPhone Number (Last 4 Digits): ${1000 + i}`,
          ),
          "SUMMARY:Reserved",
        );
      lines.push("END:VEVENT");
    }
  } else if (style === "booking") {
    lines.push("PRODID:-//Booking.com//Booking.com Calendar//EN");
    for (const stay of events) {
      lines.push(
        "BEGIN:VEVENT",
        `UID:${stay.id}@booking.com`,
        `DTSTAMP:${now}`,
        `DTSTART;VALUE=DATE:${ymd(stay.start)}`,
        `DTEND;VALUE=DATE:${ymd(stay.end)}`,
        "SUMMARY:CLOSED - Not available",
        "END:VEVENT",
      );
    }
  } else if (style === "vrbo") {
    lines.push(
      "PRODID:-//HomeAway.com, Inc.//EN",
      "BEGIN:VTIMEZONE",
      "TZID:Europe/Paris",
      "BEGIN:STANDARD",
      "DTSTART:19701025T030000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0100",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:19700329T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
      "TZOFFSETFROM:+0100",
      "TZOFFSETTO:+0200",
      "END:DAYLIGHT",
      "END:VTIMEZONE",
    );
    for (const stay of events) {
      const summary = stay.bookedOn === "vrbo" ? "SUMMARY:Reserved" : "SUMMARY:Blocked";
      lines.push(
        "BEGIN:VEVENT",
        `UID:${stay.id}@homeaway.com`,
        `DTSTAMP:${now}`,
        `DTSTART;TZID=Europe/Paris:${ymd(stay.start)}T160000`,
        `DTEND;TZID=Europe/Paris:${ymd(stay.end)}T100000`,
        summary,
        "END:VEVENT",
      );
    }
  } else {
    lines.push(
      "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
      "X-WR-CALNAME:Blocages propriétaire",
      "X-WR-TIMEZONE:Europe/Paris",
    );
    // The host's monthly upkeep, last spring: a recurrence to read, none of whose days is still to come.
    const first = events[0]!;
    const upkeep = new Date(first.start.getTime() - 240 * DAY_MS);
    lines.push(
      "BEGIN:VEVENT",
      `DTSTART;VALUE=DATE:${ymd(upkeep)}`,
      `DTEND;VALUE=DATE:${ymd(new Date(upkeep.getTime() + DAY_MS))}`,
      "RRULE:FREQ=MONTHLY;COUNT=6",
      `UID:${first.id}@google.com`,
      `DTSTAMP:${now}`,
      "SUMMARY:Entretien mensuel",
      "END:VEVENT",
    );
    for (const stay of events.slice(1, 4)) {
      lines.push(
        "BEGIN:VEVENT",
        `DTSTART;VALUE=DATE:${ymd(stay.start)}`,
        `DTEND;VALUE=DATE:${ymd(stay.end)}`,
        `UID:${stay.id}@google.com`,
        `DTSTAMP:${now}`,
        "SUMMARY:Séjour famille",
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR", "");
  return lines.join("\r\n");
}
