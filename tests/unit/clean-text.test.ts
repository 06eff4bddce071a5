import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineText, paragraphText } from "@/server/validation";
import { renderEscalationEmail } from "@/server/services/notifications/escalation-email";
import { renderHostNoticeEmail } from "@/server/services/notifications/host-notice-email";
import { textLines } from "@/server/services/notifications/email-text";

const FORGED = "Airbnb\r\nBcc: victim@example.com";

describe("text typed for others to read", () => {
  it.each([
    FORGED,
    "Air\nbnb",
    "Airbnb\u0007",
    "Air\u202Ebnb",
    "Air\u2066bnb",
    "Air\u2028bnb",
    "Air\u0085bnb",
    "Air\u0000bnb",
  ])("refuses %j as a label", (label) => {
    expect(lineText().safeParse(label).success).toBe(false);
  });

  it("takes labels in any script, with accents and emoji", () => {
    for (const label of ["Gîtes de France", "Airbnb – Été", "家 🏠", "Booking.com (réf. 12)"])
      expect(lineText().safeParse(label).success).toBe(true);
  });

  it("takes line breaks and tabs in a note, and still refuses other controls and bidi overrides", () => {
    expect(paragraphText().safeParse("Hôte rappelé.\r\nLien remplacé\tce matin.").success).toBe(true);
    for (const note of ["a\u202Eb", "a\u0000b", "a\u001bb", "a\u2028b"])
      expect(paragraphText().safeParse(note).success).toBe(false);
  });
});

describe("an e-mail's text part", () => {
  it("never lets a value start a line of its own", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 5 }), (values) => {
        const lines = values.map((value) => `Valeur : ${value}`);
        expect(textLines(lines).split("\n")).toHaveLength(lines.length);
      }),
    );
  });

  it("keeps a forged label, title or message on its line in the escalation e-mail and the host notice", () => {
    const escalation = renderEscalationEmail(
      {
        id: "a1",
        listing: { id: "l1", title: `Maison ${FORGED}`, city: "Lyon" },
        errorType: "FEED_NOT_FOUND",
        errorMessage: `HTTP 404\nBcc: victim@example.com`,
        failedAttempts: 3,
        escalationReason: null,
        firstFailedAt: "2026-11-20T08:00:00.000Z",
        lastFailedAt: "2026-11-20T09:00:00.000Z",
      } as Parameters<typeof renderEscalationEmail>[0],
      "https://support.example.fr",
    );
    const notice = renderHostNoticeEmail(
      {
        hostName: "Julien",
        listingTitle: "Maison",
        feedLabel: FORGED,
        errorType: "FEED_NOT_FOUND",
        providerKey: "Airbnb",
        everRead: true,
      },
      "https://support.example.fr",
    );
    for (const text of [escalation.text, notice.text]) {
      expect(text).not.toMatch(/^Bcc:/m);
      expect(text).not.toContain("\r");
    }
  });
});
