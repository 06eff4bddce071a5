import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });

describe("double bookings", () => {
  it("sit above the sync alerts on the dashboard, open side by side, and close as « Pas un conflit » with a reason", async () => {
    await signIn(session.page, baseUrl, "support2@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    const section = session.page.getByRole("region", { name: /Doubles réservations/ });
    await section.waitFor();
    const certain = section.getByTestId("conflict-row").filter({ hasText: "Appartement sur les quais de Saône" });
    expect(await certain.textContent()).toMatch(
      /Double réservation.*2 nuits du \d+.* Airbnb et Vrbo.*dans [789] jours/,
    );
    // Above the sync alerts.
    const top = (selector: string) =>
      session.page.locator(selector).evaluate((element) => element.getBoundingClientRect().top);
    expect(await top("#conflicts-title")).toBeLessThan(await top("#calendar-alerts-title"));
    await screenshot(session.page, "dashboard-double-bookings");

    await section
      .getByTestId("conflict-row")
      .filter({ hasText: "Maison de village en Luberon" })
      .getByRole("link")
      .click();
    await session.page.waitForURL(/\/admin\/conflits\/.+/);
    await session.page
      .getByRole("heading", { name: /Double réservation probable : Maison de village en Luberon/ })
      .waitFor();
    const stays = session.page.getByTestId("conflict-stay");
    expect(await stays.count()).toBe(2);
    expect(await stays.allTextContents()).toEqual([
      expect.stringMatching(/Airbnb\s*Réservation/),
      expect.stringMatching(/Booking.com\s*Période fermée/),
    ]);
    expect(await session.page.locator("body").textContent()).not.toMatch(
      /demo-secret|Reservation URL|hosting\/reservations/,
    );
    await screenshot(session.page, "double-booking-detail");

    const dismiss = session.page.getByRole("button", { name: "Pas un conflit" });
    expect(await dismiss.isDisabled()).toBe(true);
    await session.page
      .getByLabel(/Pas un conflit \? Dites pourquoi/)
      .fill("Même voyageur : la réservation Booking.com a été annulée.");
    await dismiss.click();
    await session.page.getByTestId("conflict-status").filter({ hasText: "Pas un conflit" }).waitFor();
    expect(await session.page.getByTestId("conflict-status").textContent()).toContain("Karim Benali");
    expect(await session.page.getByText("Marqué « Pas un conflit » par Karim Benali").isVisible()).toBe(true);

    await session.page.getByRole("link", { name: "Doubles réservations" }).first().click();
    await session.page.waitForURL(`${baseUrl}/admin/conflits`);
    expect(
      await session.page.getByTestId("conflict-row").filter({ hasText: "Maison de village en Luberon" }).count(),
    ).toBe(0);
    await session.page.goto(`${baseUrl}/admin/conflits?status=dismissed`);
    expect(
      await session.page.getByTestId("conflict-row").filter({ hasText: "Maison de village en Luberon" }).count(),
    ).toBe(1);
  });

  it("tells the host in plain words on « Mes calendriers », readable at 375 px", async () => {
    const phone = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: "fr-FR" });
    const mobile = await phone.newPage();
    await signIn(mobile, baseUrl, "host1@example.com");
    await mobile.waitForURL(`${baseUrl}/hote/calendriers`);
    const notice = mobile
      .getByTestId("host-listing")
      .filter({ hasText: "Appartement sur les quais de Saône" })
      .getByTestId("host-conflict");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^Deux réservations se chevauchent du \d+.* : Airbnb et Vrbo\. Contactez le support ou l'un des voyageurs dès maintenant\.$/,
    );
    expect(
      await mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(mobile, "host-double-booking-375");
    await phone.close();
  });
});
