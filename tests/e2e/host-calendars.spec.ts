import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const feedsUrl = inject("feedsUrl");
const session = openBrowserSession({ viewport: { width: 375, height: 812 } });

describe("« Mes calendriers »: the host closes the loop", () => {
  it("a notified host lands on their calendars, sees why the link is broken and how to fix it, replaces it, and the alert resolves", async () => {
    // Support sees that the host was told.
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=all&q=demo-listing-08`);
    await session.page.getByTestId("alert-row").first().getByRole("link").click();
    await session.page.getByTestId("host-notified").filter({ hasText: "Hôte prévenu le" }).waitFor();
    await session.context.clearCookies();

    await signIn(session.page, baseUrl, "host2@example.com");
    await session.page.waitForURL(`${baseUrl}/hote/calendriers`);
    const listing = session.page.getByTestId("host-listing").filter({ hasText: "Cabane dans les arbres" });
    const feed = listing.getByTestId("host-feed").first();
    expect(await feed.textContent()).toContain("En échec depuis");
    expect(await feed.textContent()).toContain("page web, pas au fichier de calendrier");
    expect(await session.page.locator("body").textContent()).not.toContain("demo-secret");
    expect(await session.page.getByText("Appartement haussmannien").count()).toBe(0);
    const overflow = await session.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(session.page, "host-calendars-broken");

    // Keyboard only: open « Remplacer le lien », type the new link, submit.
    await feed.locator("summary", { hasText: "Remplacer le lien" }).focus();
    await session.page.keyboard.press("Enter");
    const input = feed.getByLabel("Nouveau lien d'export iCal");
    await input.focus();
    await session.page.keyboard.type(`${feedsUrl}/html/demo-listing-08.ics`);
    await session.page.keyboard.press("Enter");
    await feed.getByRole("status").filter({ hasText: "Ce lien ne peut pas être utilisé" }).waitFor();

    await input.fill(`${feedsUrl}/airbnb/demo-listing-08.ics`);
    await session.page.keyboard.press("Enter");
    await session.page.getByTestId("host-feed").filter({ hasText: "OK" }).first().waitFor();
    await screenshot(session.page, "host-calendars-fixed");

    const api = await session.page.request.get(`${baseUrl}/api/admin/alerts/calendar-sync`);
    expect(api.status()).toBe(403);
    await session.context.clearCookies();
    await signIn(session.page, baseUrl, "support2@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    const resolved = await session.page.request.get(
      `${baseUrl}/api/admin/alerts/calendar-sync?status=resolved&listingId=demo-listing-08`,
    );
    const body = await resolved.json();
    expect(body.data[0]).toMatchObject({ resolvedAutomatically: true, resolutionNote: "lien remplacé par l'hôte" });
  });

  it("keeps the back-office closed to hosts and their own page closed to support", async () => {
    await signIn(session.page, baseUrl, "host3@example.com");
    await session.page.waitForURL(`${baseUrl}/hote/calendriers`);
    await session.page.goto(`${baseUrl}/admin`);
    await session.page.waitForURL(`${baseUrl}/acces-refuse`);
    await session.context.clearCookies();
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    await session.page.goto(`${baseUrl}/hote/calendriers`);
    await session.page.waitForURL(`${baseUrl}/acces-refuse`);
  });
});
