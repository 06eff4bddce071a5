import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { fr } from "@/i18n/catalogue/fr";
import { en } from "@/i18n/catalogue/en";
import { negotiateLocale } from "@/i18n/locales";
import { formatMessage, MESSAGE_KEYS } from "@/server/shared/messages";

describe("the catalogues (French, English)", () => {
  it("hold the same keys, each a message ICU can parse with the same arguments", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    const argumentsOf = (message: string) => [...message.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]).sort();
    for (const key of MESSAGE_KEYS) {
      expect(() => new IntlMessageFormat(en[key], "en-GB"), key).not.toThrow();
      expect(new Set(argumentsOf(en[key])), key).toEqual(new Set(argumentsOf(fr[key])));
    }
  });

  it.each(MESSAGE_KEYS)("%s says 0, 1 and 2 in English without « (s) » and agrees in number", (key) => {
    for (const count of [0, 1, 2]) {
      const text = formatMessage(key, { count, total: count, peak: count, day: "6 Dec" }, "en");
      expect(text).not.toMatch(/\(s\)|\{|\}/);
      expect(text).not.toMatch(/\b1 \p{L}+s\b/u);
      expect(text).not.toMatch(/\b[02] (?:night|failure|listing|alert|attempt|arrival|delivery|period)\b/);
    }
  });

  it("says « 1 night », « 2 nights », « 1 failed attempt » in English", () => {
    expect(formatMessage("nights", { count: 1 }, "en")).toBe("1 night");
    expect(formatMessage("nights", { count: 2 }, "en")).toBe("2 nights");
    expect(formatMessage("failedAttempts", { count: 1 }, "en")).toBe("1 failed attempt");
    expect(formatMessage("failures", { count: 0 }, "en")).toBe("no failure");
  });
});

describe("a browser's language (Accept-Language)", () => {
  it("takes the highest-weighted language we speak, French when none", () => {
    expect(negotiateLocale("en-US,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.5,fr;q=0.7")).toBe("fr");
    expect(negotiateLocale("pt-PT, en;q=0.4")).toBe("en");
    expect(negotiateLocale("es, de")).toBe("fr");
    expect(negotiateLocale("en;q=0, fr")).toBe("fr");
    expect(negotiateLocale("")).toBe("fr");
    expect(negotiateLocale(null)).toBe("fr");
    expect(negotiateLocale(";;;q=x,,en;q=abc")).toBe("en");
  });
});
