import { describe, expect, it } from "vitest";
import { formatMessage, MESSAGE_KEYS } from "@/server/shared/messages";
import { formatStayMoment } from "@/components/admin/format";
import { nightsText } from "@/server/shared/conflict-words";

describe("messages with a number (ICU MessageFormat)", () => {
  it.each(MESSAGE_KEYS)("%s says 0, 1 and 2 without « (s) » and agrees in number", (key) => {
    const values = { count: 0, total: 0, peak: 0, day: "6 déc." };
    for (const count of [0, 1, 2]) {
      const text = formatMessage(key, { ...values, count, total: count, peak: count });
      expect(text).not.toMatch(/\(s\)|\{|\}/);
      expect(text).not.toMatch(/\b1 (?!sous\b|sans\b)\p{L}+s\b/u);
    }
  });

  it("says « 1 tentative échouée », « 2 tentatives échouées », « 0 nuit », « 2 nuits »", () => {
    expect(formatMessage("failedAttempts", { count: 1 })).toBe("1 tentative échouée");
    expect(formatMessage("failedAttempts", { count: 2 })).toBe("2 tentatives échouées");
    expect(nightsText(0)).toBe("0 nuit");
    expect(nightsText(2)).toBe("2 nuits");
    expect(formatMessage("failures", { count: 1 })).toBe("1 échec");
  });

  it("ends the chart's summary once, after an abbreviated month too", () => {
    const summary = formatMessage("failuresSummary", { total: 20, peak: 13, day: "6 déc." });
    expect(summary).toBe("20 échecs sur 30 jours, au plus 13 par jour (le 6 déc.)");
    expect(summary).not.toMatch(/\.\.$/);
  });
});

describe("a stay's arrival and departure", () => {
  it("shows an all-day stay as a date, whether stored at midnight UTC or in Paris, and a timed one with its time", () => {
    expect(formatStayMoment("2026-12-13T00:00:00.000Z")).toBe("13 déc. 2026");
    expect(formatStayMoment("2026-12-12T23:00:00.000Z")).toBe("13 déc. 2026");
    expect(formatStayMoment("2026-12-12T15:00:00.000Z")).toMatch(/^12 déc\. 2026,? (à )?16:00$/);
  });
});
