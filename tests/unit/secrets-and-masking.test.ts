import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, fingerprintSecret, SecretDecryptionError } from "@/server/crypto/secret-box";
import { maskFeedUrl, maskUrlsInText } from "@/server/shared/mask-url";
import { FeedUrlInput } from "@/server/services/calendar/feed-url";

const key = randomBytes(32);
const url = "https://www.airbnb.fr/calendar/ical/12345678.ics?s=0123456789abcdef";

describe("feed URL secrecy", () => {
  it("encrypts with a fresh IV each time and decrypts back", () => {
    const first = encryptSecret(url, key);
    expect(first).toMatch(/^v1:/);
    expect(first).not.toContain("0123456789abcdef");
    expect(encryptSecret(url, key)).not.toBe(first);
    expect(decryptSecret(first, key)).toBe(url);
  });

  it("refuses to decrypt with another key or a tampered ciphertext", () => {
    const sealed = encryptSecret(url, key);
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrowError(SecretDecryptionError);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => decryptSecret(tampered, key)).toThrowError(SecretDecryptionError);
  });

  it("fingerprints deterministically per key", () => {
    expect(fingerprintSecret(url, key)).toBe(fingerprintSecret(url, key));
    expect(fingerprintSecret(url, key)).not.toBe(fingerprintSecret(url, randomBytes(32)));
  });

  it("masks the path and query, keeping what helps support recognise the provider", () => {
    expect(maskFeedUrl(url)).toBe("https://www.airbnb.fr/calendar/…?…");
    expect(maskFeedUrl("http://127.0.0.1:4010/airbnb/x.ics?t=abc")).toBe("http://127.0.0.1:4010/airbnb/…?…");
    expect(maskFeedUrl("https://admin.booking.com/hotel/hoteladmin/ical.html?t=cafe")).toBe(
      "https://admin.booking.com/hotel/…?…",
    );
    expect(
      maskFeedUrl(
        "https://calendar.google.com/calendar/ical/abcdefghijklmnopqrstuvwxyz0123456789%40group/private-x/basic.ics",
      ),
    ).toBe("https://calendar.google.com/calendar/…");
    expect(maskFeedUrl("not a url")).toBe("[URL invalide masquée]");
  });

  it("never shows a first path segment that is not a known non-secret word: a token can sit there", () => {
    expect(maskFeedUrl("https://host.example/SECRETTOKEN123ABC/cal.ics")).toBe("https://host.example/…");
    expect(maskFeedUrl("https://host.example/a1b2/cal.ics")).toBe("https://host.example/…");
    expect(maskFeedUrl("https://host.example/Export/SECRET.ics")).toBe("https://host.example/export/…");
    // Idempotent: a form masked under the old rule is masked again on read.
    expect(maskFeedUrl("https://host.example/SECRETTOKEN123ABC/…")).toBe("https://host.example/…");
  });

  it("masks every URL inside free text, webcal included", () => {
    const text = `GET ${url} failed, then webcal://p01-calendars.icloud.com/published/2/SECRET`;
    const masked = maskUrlsInText(text);
    expect(masked).not.toContain("0123456789abcdef");
    expect(masked).not.toContain("SECRET");
    expect(masked).toContain("https://www.airbnb.fr/calendar/…?…");
  });

  it("accepts http(s) and webcal feed URLs, refusing other schemes and embedded credentials", () => {
    expect(FeedUrlInput.parse(" webcal://example.com/cal.ics ")).toBe("https://example.com/cal.ics");
    expect(FeedUrlInput.safeParse("ftp://example.com/cal.ics").success).toBe(false);
    expect(FeedUrlInput.safeParse("https://user:pass@example.com/cal.ics").success).toBe(false);
    expect(FeedUrlInput.safeParse("javascript:alert(1)").success).toBe(false);
  });
});
