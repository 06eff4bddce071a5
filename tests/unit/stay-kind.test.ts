import { describe, expect, it } from "vitest";
import { STAY_KIND_RULES, stayKindOf } from "@/server/services/calendar/stays/stay-kind";

const AIRBNB = "-//Airbnb Inc//Hosting Calendar 1.0//EN";
const BOOKING = "-//Booking.com//Booking.com Calendar//EN";
const VRBO = "-//HomeAway.com, Inc.//EN";

// One case per row of the rule table, as the platforms' public exports write them.
const CASES: Array<
  [convention: string, prodid: string, summary: string, description: string | null, expected: string]
> = [
  [
    "Airbnb : réservation (lien de réservation)",
    AIRBNB,
    "Reserved",
    "Reservation URL: https://www.airbnb.com/hosting/reservations/details/HMABC\\nPhone Number (Last 4 Digits): 1234",
    "reservation",
  ],
  ["Airbnb : « Reserved »", AIRBNB, "Reserved", null, "reservation"],
  ["Airbnb : « Airbnb (Not available) »", AIRBNB, "Airbnb (Not available)", null, "blocked"],
  ["Booking.com : « CLOSED - Not available »", BOOKING, "CLOSED - Not available", null, "unknown"],
  ["Vrbo : « Reserved » ou « Reserved - nom »", VRBO, "Reserved - Jean Dupont", null, "reservation"],
  ["Vrbo : « Blocked »", VRBO, "Blocked", null, "blocked"],
];

describe("the kind of an imported stay", () => {
  it("has a case below for every row of the rule table", () => {
    expect(CASES.map(([convention]) => convention)).toEqual(STAY_KIND_RULES.map((rule) => rule.convention));
  });

  it.each(CASES)("%s", (_convention, prodid, summary, description, expected) => {
    expect(stayKindOf({ prodid }, { summary, description })).toBe(expected);
  });

  it("reads Vrbo's plain « Reserved » as a reservation too", () => {
    expect(stayKindOf({ prodid: VRBO }, { summary: "Reserved", description: null })).toBe("reservation");
  });

  it("leaves Google and unknown makers' stays unknown, whatever they say", () => {
    expect(
      stayKindOf({ prodid: "-//Google Inc//Google Calendar 70.9054//EN" }, { summary: "Reserved", description: null }),
    ).toBe("unknown");
    expect(stayKindOf({ prodid: "-//Demo//FR" }, { summary: "Blocked", description: null })).toBe("unknown");
  });

  it("does not take another platform's words: « Blocked » in an Airbnb export is unknown", () => {
    expect(stayKindOf({ prodid: AIRBNB }, { summary: "Blocked", description: null })).toBe("unknown");
  });

  it("falls back on the URL's provider when the calendar has no PRODID, and only then", () => {
    expect(
      stayKindOf({ prodid: null, providerKey: "Airbnb" }, { summary: "Airbnb (Not available)", description: null }),
    ).toBe("blocked");
    expect(
      stayKindOf({ prodid: null, providerKey: "127.0.0.1:4010" }, { summary: "Reserved", description: null }),
    ).toBe("unknown");
    expect(stayKindOf({ prodid: BOOKING, providerKey: "Airbnb" }, { summary: "Reserved", description: null })).toBe(
      "unknown",
    );
  });
});
