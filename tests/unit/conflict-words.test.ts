import { describe, expect, it } from "vitest";
import { conflictPeriod, hostConflictMessage, untilFirstNight } from "@/server/shared/conflict-words";
import { renderConflictHostEmail, renderConflictSupportEmail } from "@/server/services/notifications/conflict-email";

const facts = {
  id: "c1",
  listingTitle: "Maison basque",
  hostName: "Julien Moreau",
  certainty: "certain" as const,
  firstNight: "2026-12-12",
  lastNight: "2026-12-13",
  nights: 2,
  providers: ["Airbnb", "Vrbo"] as [string, string],
  arrivedAfterHours: null,
};

describe("how a double booking is said", () => {
  it("names the period from the first night to the morning after the last", () => {
    expect(conflictPeriod("2026-12-12", "2026-12-13")).toBe("du 12 au 14 décembre");
    expect(conflictPeriod("2026-12-30", "2027-01-01")).toBe("du 30 décembre au 2 janvier");
  });

  it("counts the days to the first night in Paris's calendar", () => {
    const evening = Date.parse("2026-12-08T22:30:00Z"); // 23:30 in Paris on the 8th
    expect(untilFirstNight("2026-12-08", evening)).toBe("ce soir");
    expect(untilFirstNight("2026-12-09", evening)).toBe("demain");
    expect(untilFirstNight("2026-12-12", evening)).toBe("dans 4 jours");
    expect(untilFirstNight("2026-12-06", evening)).toBe("commencé il y a 2 jours");
  });

  it("tells the host what collides and what to do, in plain words", () => {
    expect(hostConflictMessage(facts)).toBe(
      "Deux réservations se chevauchent du 12 au 14 décembre : Airbnb et Vrbo. Contactez le support ou l'un des voyageurs dès maintenant.",
    );
    const email = renderConflictHostEmail(facts, "https://support.example.fr/");
    expect(email.text).toContain("Bonjour Julien Moreau,");
    expect(email.text).toContain("https://support.example.fr/hote/calendriers");
  });

  it("gives support the subject the issue asks for, and the stale calendar when there was one", () => {
    const email = renderConflictSupportEmail({ ...facts, arrivedAfterHours: 30 }, "https://support.example.fr");
    expect(email.subject).toBe("[Double réservation] Maison basque : 2 nuits à partir du 12 déc. (Airbnb et Vrbo)");
    expect(email.text).toContain("Arrivée : après 30 h sans synchronisation");
    expect(email.text).toContain("https://support.example.fr/admin/conflits/c1");
    expect(renderConflictSupportEmail({ ...facts, certainty: "probable" }, "https://x").subject).toMatch(
      /^\[Double réservation probable\]/,
    );
  });

  it("escapes what it puts in HTML", () => {
    expect(
      renderConflictSupportEmail({ ...facts, listingTitle: "<script>alert(1)</script>" }, "https://x").html,
    ).not.toContain("<script>");
  });
});
