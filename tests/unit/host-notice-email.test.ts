import { describe, expect, it } from "vitest";
import { renderHostNoticeEmail } from "@/server/services/notifications/host-notice-email";

const facts = {
  hostName: "Julien Moreau",
  listingTitle: "Maison basque",
  feedLabel: "Mon Airbnb",
  errorType: "FEED_NOT_FOUND" as const,
  everRead: true,
};

describe("the host notice", () => {
  it("says « ne se synchronise pas », not « plus », for a link that was never read", () => {
    const email = renderHostNoticeEmail(
      { ...facts, everRead: false, providerKey: "Airbnb" },
      "https://support.example.fr/",
    );
    expect(email.subject).toBe("Action requise : le calendrier Airbnb de « Maison basque » ne se synchronise pas");
    expect(email.text).toContain("Nous n'arrivons pas à importer");
    expect(email.text).not.toContain("n'arrivons plus");
  });

  it("says which listing and platform, what we saw, the risk, and the steps on that platform, in plain French", () => {
    const email = renderHostNoticeEmail({ ...facts, providerKey: "Airbnb" }, "https://support.example.fr/");
    expect(email.subject).toBe("Action requise : le calendrier Airbnb de « Maison basque » ne se synchronise plus");
    expect(email.text).toContain("Bonjour Julien Moreau,");
    expect(email.text).toContain("n'existe plus");
    expect(email.text).toContain("réservé deux fois");
    expect(email.text).toContain("1. Connectez-vous à Airbnb");
    expect(email.text).toContain("https://support.example.fr/hote/calendriers");
    expect(email.text).not.toMatch(/FEED_NOT_FOUND|404|HTTP/);
    expect(email.html).toContain("<ol><li>Connectez-vous à Airbnb");
  });

  it.each([
    ["Booking.com", "extranet Booking.com"],
    ["Vrbo/Abritel", "espace propriétaire Vrbo/Abritel"],
    ["Google Agenda", "Adresse secrète au format iCal"],
    ["calendars.example.org", "cherchez l'option « Exporter »"],
  ])("gives the steps for %s", (providerKey, step) => {
    expect(renderHostNoticeEmail({ ...facts, providerKey }, "https://support.example.fr").text).toContain(step);
  });

  it("explains a page copied instead of the export link", () => {
    expect(
      renderHostNoticeEmail({ ...facts, providerKey: "Airbnb", errorType: "INVALID_ICAL" }, "https://x.example").text,
    ).toContain("lien de la page de l'annonce");
  });
});
