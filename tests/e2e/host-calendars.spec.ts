import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, screenshot, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const feedsUrl = inject("feedsUrl");
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
});
afterEach(() => context.close());

describe("« Mes calendriers »: the host closes the loop", () => {
  it("a notified host lands on their calendars, sees why the link is broken and how to fix it, replaces it, and the alert resolves", async () => {
    // Support sees that the host was told.
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=all&q=demo-listing-08`);
    await page.getByTestId("alert-row").first().getByRole("link").click();
    await page.getByTestId("host-notified").filter({ hasText: "Hôte prévenu le" }).waitFor();
    await context.clearCookies();

    await signIn(page, baseUrl, "host2@example.com");
    await page.waitForURL(`${baseUrl}/hote/calendriers`);
    const listing = page.getByTestId("host-listing").filter({ hasText: "Cabane dans les arbres" });
    const feed = listing.getByTestId("host-feed").first();
    expect(await feed.textContent()).toContain("En échec depuis");
    expect(await feed.textContent()).toContain("page web, pas au fichier de calendrier");
    expect(await page.locator("body").textContent()).not.toContain("demo-secret");
    expect(await page.getByText("Appartement haussmannien").count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "host-calendars-broken");

    // Keyboard only: open « Remplacer le lien », type the new link, submit.
    await feed.locator("summary", { hasText: "Remplacer le lien" }).focus();
    await page.keyboard.press("Enter");
    const input = feed.getByLabel("Nouveau lien d'export iCal");
    await input.focus();
    await page.keyboard.type(`${feedsUrl}/html/demo-listing-08.ics`);
    await page.keyboard.press("Enter");
    await feed.getByRole("status").filter({ hasText: "Ce lien ne peut pas être utilisé" }).waitFor();

    await input.fill(`${feedsUrl}/airbnb/demo-listing-08.ics`);
    await page.keyboard.press("Enter");
    await page.getByTestId("host-feed").filter({ hasText: "OK" }).first().waitFor();
    await screenshot(page, "host-calendars-fixed");

    const api = await page.request.get(`${baseUrl}/api/admin/alerts/calendar-sync`);
    expect(api.status()).toBe(403);
    await context.clearCookies();
    await signIn(page, baseUrl, "support2@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    const resolved = await page.request.get(`${baseUrl}/api/admin/alerts/calendar-sync?status=resolved&listingId=demo-listing-08`);
    const body = await resolved.json();
    expect(body.data[0]).toMatchObject({ resolvedAutomatically: true, resolutionNote: "lien remplacé par l'hôte" });
  });

  it("keeps the back-office closed to hosts and their own page closed to support", async () => {
    await signIn(page, baseUrl, "host3@example.com");
    await page.waitForURL(`${baseUrl}/hote/calendriers`);
    await page.goto(`${baseUrl}/admin`);
    await page.waitForURL(`${baseUrl}/acces-refuse`);
    await context.clearCookies();
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/hote/calendriers`);
    await page.waitForURL(`${baseUrl}/acces-refuse`);
  });
});
