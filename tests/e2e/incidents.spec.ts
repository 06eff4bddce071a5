import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, screenshot, signIn } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
});
afterEach(() => context.close());

describe("provider incidents in the back-office", () => {
  it("shows the banner above the alerts, the incident with its listings, and closes it with « Clore l'incident »", async () => {
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    const banner = page.getByTestId("incident-banner").filter({ hasText: "127.0.0.2" });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/10 calendriers en échec sur 10 annonces/);
    await screenshot(page, "dashboard-incident-banner");
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    await page.getByTestId("incident-banner").filter({ hasText: "127.0.0.2" }).waitFor();

    await page.getByRole("link", { name: "Incidents", exact: true }).click();
    await page.waitForURL(`${baseUrl}/admin/incidents`);
    const row = page.getByTestId("incident-row").filter({ hasText: "127.0.0.2" });
    expect(await row.textContent()).toContain("En cours");
    await row.getByRole("link").click();
    await page.waitForURL(/\/admin\/incidents\/.+/);
    await page.getByRole("heading", { name: "Incident fournisseur : 127.0.0.2" }).waitFor();
    expect(await page.getByTestId("incident-listing").count()).toBe(10);
    expect(await page.getByText("Incident ouvert").first().isVisible()).toBe(true);
    expect(await page.locator("body").textContent()).not.toContain("demo-secret");
    await screenshot(page, "incident-detail");

    await page.getByRole("button", { name: "Clore l'incident" }).click();
    await page.getByRole("button", { name: "Confirmer la clôture" }).click();
    await page.getByTestId("incident-status").filter({ hasText: "Résolu" }).waitFor();
    expect(await page.getByTestId("incident-status").textContent()).toContain("clos par Sophie Martin");
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole("heading", { name: "Tableau de bord support" }).waitFor();
    expect(await page.getByTestId("incident-banner").count()).toBe(0);
    await screenshot(page, "incident-closed");
  });

  it("keeps the incident pages readable at 375 px", async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "fr-FR" });
    const mobile = await phone.newPage();
    await signIn(mobile, baseUrl, "support2@example.com");
    await mobile.waitForURL(`${baseUrl}/admin`);
    await mobile.goto(`${baseUrl}/admin/incidents`);
    const overflow = () => mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await mobile.getByTestId("incident-row").first().getByRole("link").click();
    await mobile.waitForURL(/\/admin\/incidents\/.+/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
