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
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "fr-FR", timezoneId: "Europe/Paris" });
  page = await context.newPage();
});
afterEach(() => context.close());

describe("support back-office, calendar alerts", () => {
  it("a support agent sees the escalated alert on the dashboard, opens it, resolves it with a note, and finds it in the history", async () => {
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    const section = page.getByRole("region", { name: "Alertes calendrier" });
    const escalated = section.getByTestId("calendar-alert").filter({ hasText: "Appartement haussmannien Canal Saint-Martin" });
    expect(await escalated.getByText("Escaladé").isVisible()).toBe(true);
    expect(await escalated.textContent()).toContain("3 tentatives échouées");
    expect(await escalated.textContent()).toContain("Calendrier introuvable (404)");
    // Most attempts first.
    expect(await section.getByTestId("calendar-alert").first().textContent()).toContain("Appartement haussmannien");
    expect(await section.getByTestId("count-escalated").textContent()).toContain("1 escaladée");
    await screenshot(page, "dashboard-escalated-alert");

    await escalated.getByRole("link", { name: "Appartement haussmannien Canal Saint-Martin" }).click();
    await page.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    expect(await page.getByRole("heading", { name: "Calendrier introuvable (404)" }).isVisible()).toBe(true);
    expect(await page.getByText("Le lien d'export a été révoqué").isVisible()).toBe(true);
    expect(await page.locator("body").textContent()).not.toContain("t=");
    await screenshot(page, "alert-detail");

    await page.getByRole("button", { name: "Résoudre" }).click();
    await page.getByLabel("Note de résolution (facultative)").fill("Nouveau lien Airbnb demandé à l'hôte");
    await page.getByRole("button", { name: "Confirmer la résolution" }).click();
    await page.getByTestId("resolution").waitFor();
    expect(await page.getByTestId("resolution").textContent()).toContain("Résolue par Sophie Martin");
    expect(await page.getByText("Note : Nouveau lien Airbnb demandé à l'hôte").isVisible()).toBe(true);
    await screenshot(page, "alert-resolved");

    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=resolved`);
    const row = page.getByTestId("alert-row").filter({ hasText: "Appartement haussmannien" });
    expect(await row.textContent()).toContain("Par Sophie Martin");
    await screenshot(page, "history-resolved");
  });

  it("filters change the list and the URL, and the back button restores them", async () => {
    await signIn(page, baseUrl, "support2@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    const before = await page.getByTestId("alert-row").count();
    expect(before).toBeGreaterThan(0);

    await page.getByLabel("Statut").selectOption("all");
    await page.getByLabel("Annonce (titre ou identifiant)").fill("Loft industriel");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/q=Loft/);
    expect(page.url()).toContain("status=all");
    const rows = page.getByTestId("alert-row");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Loft industriel Croix-Rousse");
    await screenshot(page, "filtered-history");

    await page.getByLabel("Type d'erreur").selectOption("FEED_NOT_FOUND");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/errorType=FEED_NOT_FOUND/);
    expect(await page.getByText("Aucune alerte pour ces filtres.").isVisible()).toBe(true);

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes("errorType"));
    expect(await page.getByTestId("alert-row").count()).toBe(1);
  });

  it("warns support about a calendar that suddenly came back empty", async () => {
    await signIn(page, baseUrl, "support2@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    const warning = page.getByRole("region", { name: "Calendrier soudainement vide" }).getByTestId("feed-warning");
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toContain("Appartement cosy quartier Capitole");
    expect(await warning.textContent()).toMatch(/il contenait \d+ périodes/);
  });

  it("keeps hosts out of the back-office pages", async () => {
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    await page.waitForURL(/\/login\?callbackUrl=/);
    await signIn(page, baseUrl, "host1@example.com");
    // A host lands on « Mes calendriers »; the back-office stays closed.
    await page.waitForURL(`${baseUrl}/hote/calendriers`);
    for (const path of ["/admin", "/admin/alerts/calendar-sync"]) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForURL(`${baseUrl}/acces-refuse`);
      expect(await page.getByRole("heading", { name: "Accès refusé" }).isVisible()).toBe(true);
      expect(await page.locator("body").textContent()).not.toContain("Appartement haussmannien");
    }
    const api = await page.request.get(`${baseUrl}/api/admin/alerts/calendar-sync`);
    expect(api.status()).toBe(403);
    await screenshot(page, "host-refused");
  });

  it("« Relancer la synchronisation » on a feed that works again resolves the alert", async () => {
    await signIn(page, baseUrl, "admin@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?q=demo-listing-04`);
    await page.getByTestId("alert-row").first().getByRole("link").click();
    await page.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    await page.getByRole("button", { name: "Relancer la synchronisation" }).click();
    await page.getByText("Réussie").first().waitFor();
    await page.getByTestId("resolution").waitFor();
    expect(await page.getByTestId("resolution").textContent()).toContain("Résolue automatiquement");
    await screenshot(page, "manual-sync-resolved");
  });

  it("is readable on a 375 px wide phone: no page wider than the screen", async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "fr-FR" });
    const mobile = await phone.newPage();
    await signIn(mobile, baseUrl, "support@example.com");
    await mobile.waitForURL(`${baseUrl}/admin`);
    const overflow = () => mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(mobile, "dashboard-375px");
    await mobile.goto(`${baseUrl}/admin/alerts/calendar-sync?status=all`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(mobile, "alerts-page-375px");
    await mobile.getByTestId("alert-row").first().getByRole("link").click();
    await mobile.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(mobile, "alert-detail-375px");
    await phone.close();
  });

  it("can be used with the keyboard alone: resolve from the dashboard", async () => {
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    // Listing 05's alert: no other test resolves it, and none depends on it staying open.
    const first = page.getByTestId("calendar-alert").filter({ hasText: "Loft industriel Croix-Rousse" });
    const title = await first.getByRole("link").textContent();
    await first.getByRole("button", { name: "Résoudre" }).focus();
    await page.keyboard.press("Enter");
    // One dialog per alert on the page: the note field to use is the one that is showing.
    const note = page.getByLabel("Note de résolution (facultative)").filter({ visible: true });
    await note.waitFor();
    await page.keyboard.press("Escape");
    await note.waitFor({ state: "hidden" });
    await first.getByRole("button", { name: "Résoudre" }).focus();
    await page.keyboard.press("Enter");
    await note.waitFor();
    await note.fill("Clavier seul");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByTestId("calendar-alert").filter({ hasText: title ?? "" }).waitFor({ state: "detached" });
  });
});
