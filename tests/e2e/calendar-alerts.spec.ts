import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1440, height: 900 } });

describe("support back-office, calendar alerts", () => {
  it("a support agent sees the escalated alert on the dashboard, opens it, resolves it with a note, and finds it in the history", async () => {
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    const section = session.page.getByRole("region", { name: "Alertes calendrier" });
    const escalated = section
      .getByTestId("calendar-alert")
      .filter({ hasText: "Appartement haussmannien Canal Saint-Martin" });
    expect(await escalated.getByText("Escaladé").isVisible()).toBe(true);
    expect(await escalated.textContent()).toContain("3 tentatives échouées");
    expect(await escalated.textContent()).toContain("Calendrier introuvable (404)");
    // Most attempts first.
    expect(await section.getByTestId("calendar-alert").first().textContent()).toContain("Appartement haussmannien");
    expect(await section.getByTestId("count-escalated").textContent()).toContain("1 escaladée");
    await screenshot(session.page, "dashboard-escalated-alert");

    await escalated.getByRole("link", { name: "Appartement haussmannien Canal Saint-Martin" }).click();
    await session.page.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    expect(await session.page.getByRole("heading", { name: "Calendrier introuvable (404)" }).isVisible()).toBe(true);
    expect(await session.page.getByText("Le lien d'export a été révoqué").isVisible()).toBe(true);
    expect(await session.page.locator("body").textContent()).not.toContain("t=");
    await screenshot(session.page, "alert-detail");

    await session.page.getByRole("button", { name: "Résoudre" }).click();
    await session.page.getByLabel("Note de résolution (facultative)").fill("Nouveau lien Airbnb demandé à l'hôte");
    await session.page.getByRole("button", { name: "Confirmer la résolution" }).click();
    await session.page.getByTestId("resolution").waitFor();
    expect(await session.page.getByTestId("resolution").textContent()).toContain("Résolue par Sophie Martin");
    expect(await session.page.getByText("Note : Nouveau lien Airbnb demandé à l'hôte").isVisible()).toBe(true);
    await screenshot(session.page, "alert-resolved");

    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=resolved`);
    const row = session.page.getByTestId("alert-row").filter({ hasText: "Appartement haussmannien" });
    expect(await row.textContent()).toContain("Par Sophie Martin");
    await screenshot(session.page, "history-resolved");
  });

  it("filters change the list and the URL, and the back button restores them", async () => {
    await signIn(session.page, baseUrl, "support2@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    const before = await session.page.getByTestId("alert-row").count();
    expect(before).toBeGreaterThan(0);

    await session.page.getByLabel("Statut").selectOption("all");
    await session.page.getByLabel("Annonce (titre ou identifiant)").fill("Loft industriel");
    await session.page.getByRole("button", { name: "Filtrer" }).click();
    await session.page.waitForURL(/q=Loft/);
    expect(session.page.url()).toContain("status=all");
    const rows = session.page.getByTestId("alert-row");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Loft industriel Croix-Rousse");
    await screenshot(session.page, "filtered-history");

    await session.page.getByLabel("Type d'erreur").selectOption("FEED_NOT_FOUND");
    await session.page.getByRole("button", { name: "Filtrer" }).click();
    await session.page.waitForURL(/errorType=FEED_NOT_FOUND/);
    expect(await session.page.getByText("Aucune alerte pour ces filtres.").isVisible()).toBe(true);

    await session.page.goBack();
    await session.page.waitForURL((url) => !url.search.includes("errorType"));
    expect(await session.page.getByTestId("alert-row").count()).toBe(1);
  });

  it("warns support about a calendar that suddenly came back empty", async () => {
    await signIn(session.page, baseUrl, "support2@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    const warning = session.page
      .getByRole("region", { name: "Calendrier soudainement vide" })
      .getByTestId("feed-warning");
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toContain("Appartement cosy quartier Capitole");
    expect(await warning.textContent()).toMatch(/il contenait \d+ périodes/);
  });

  it("keeps hosts out of the back-office pages", async () => {
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    await session.page.waitForURL(/\/login\?callbackUrl=/);
    await signIn(session.page, baseUrl, "host1@example.com");
    // A host lands on « Mes calendriers »; the back-office stays closed.
    await session.page.waitForURL(`${baseUrl}/hote/calendriers`);
    for (const path of ["/admin", "/admin/alerts/calendar-sync"]) {
      await session.page.goto(`${baseUrl}${path}`);
      await session.page.waitForURL(`${baseUrl}/acces-refuse`);
      expect(await session.page.getByRole("heading", { name: "Accès refusé" }).isVisible()).toBe(true);
      expect(await session.page.locator("body").textContent()).not.toContain("Appartement haussmannien");
    }
    const api = await session.page.request.get(`${baseUrl}/api/admin/alerts/calendar-sync`);
    expect(api.status()).toBe(403);
    await screenshot(session.page, "host-refused");
  });

  it("« Relancer la synchronisation » on a feed that works again resolves the alert", async () => {
    await signIn(session.page, baseUrl, "admin@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync?q=demo-listing-04`);
    await session.page.getByTestId("alert-row").first().getByRole("link").click();
    await session.page.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    await session.page.getByRole("button", { name: "Relancer la synchronisation" }).click();
    await session.page.getByText("Réussie").first().waitFor();
    await session.page.getByTestId("resolution").waitFor();
    expect(await session.page.getByTestId("resolution").textContent()).toContain("Résolue automatiquement");
    await screenshot(session.page, "manual-sync-resolved");
  });

  it("is readable on a 375 px wide phone: no page wider than the screen", async () => {
    const phone = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: "fr-FR" });
    const mobile = await phone.newPage();
    await signIn(mobile, baseUrl, "support@example.com");
    await mobile.waitForURL(`${baseUrl}/admin`);
    const overflow = () =>
      mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
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
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    // Listing 05's alert: no other test resolves it, and none depends on it staying open.
    const first = session.page.getByTestId("calendar-alert").filter({ hasText: "Loft industriel Croix-Rousse" });
    const title = await first.getByRole("link").textContent();
    await first.getByRole("button", { name: "Résoudre" }).focus();
    await session.page.keyboard.press("Enter");
    // One dialog per alert on the page: the note field to use is the one that is showing.
    const note = session.page.getByLabel("Note de résolution (facultative)").filter({ visible: true });
    await note.waitFor();
    await session.page.keyboard.press("Escape");
    await note.waitFor({ state: "hidden" });
    await first.getByRole("button", { name: "Résoudre" }).focus();
    await session.page.keyboard.press("Enter");
    await note.waitFor();
    await note.fill("Clavier seul");
    await session.page.keyboard.press("Tab");
    await session.page.keyboard.press("Tab");
    await session.page.keyboard.press("Enter");
    await session.page
      .getByTestId("calendar-alert")
      .filter({ hasText: title ?? "" })
      .waitFor({ state: "detached" });
  });
});
