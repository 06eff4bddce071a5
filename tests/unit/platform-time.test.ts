import { describe, expect, it } from "vitest";
import { dateToPlatformInput, platformInputToDate, platformWallClock } from "@/server/shared/platform-time";

describe("the back-office's times, in Europe/Paris", () => {
  it("« demain 9 h » is 9:00 in Paris the next day, in winter and in summer, whatever the hour now", () => {
    expect(platformWallClock(new Date("2026-12-01T23:30:00Z"), 1, 9).toISOString()).toBe("2026-12-03T08:00:00.000Z");
    expect(platformWallClock(new Date("2027-06-10T10:00:00Z"), 1, 9).toISOString()).toBe("2027-06-11T07:00:00.000Z");
    // The day before the change to summer time: 9:00 the next day is already UTC+2.
    expect(platformWallClock(new Date("2027-03-27T12:00:00Z"), 1, 9).toISOString()).toBe("2027-03-28T07:00:00.000Z");
  });

  it("reads and writes a datetime-local value in Paris, and refuses a malformed one", () => {
    expect(platformInputToDate("2026-12-03T09:30")?.toISOString()).toBe("2026-12-03T08:30:00.000Z");
    expect(dateToPlatformInput(new Date("2026-12-03T08:30:00Z"))).toBe("2026-12-03T09:30");
    for (const bad of ["", "demain", "2026-12-03", "2026-12-03 09:30"]) expect(platformInputToDate(bad)).toBeNull();
  });
});
