import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });

describe("provider incidents in the back-office", () => {
  it("shows the banner above the alerts, the incident with its listings, and closes it with « Clore l'incident »", async () => {
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    const banner = session.page.getByTestId("incident-banner").filter({ hasText: "127.0.0.2" });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/10 calendriers en échec sur 10 annonces/);
    await screenshot(session.page, "dashboard-incident-banner");
    // The incident's alerts fold into one row of the dashboard's list, which opens from the keyboard.
    const alerts = session.page.getByRole("region", { name: "Alertes calendrier" });
    expect(await alerts.getByTestId("count-active").textContent()).toMatch(/\d+ actives, dont 10 sous incident/);
    // The provider's key is its address and port (127.0.0.2:<port>).
    const group = alerts.getByTestId("incident-group").filter({ hasText: /^Incident 127\.0\.0\.2:\d+ — 10 annonces/ });
    await group.waitFor();
    expect(await group.getByTestId("calendar-alert").first().isVisible()).toBe(false);
    await group.locator("summary").focus();
    await session.page.keyboard.press("Enter");
    await group.getByTestId("calendar-alert").first().waitFor();
    expect(await group.getByTestId("calendar-alert").count()).toBe(10);
    expect(
      await alerts.locator(":scope > ul > [data-testid=calendar-alert]").filter({ hasText: "Maison basque" }).count(),
    ).toBe(0);
    await screenshot(session.page, "dashboard-incident-group");
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    await session.page.getByTestId("incident-banner").filter({ hasText: "127.0.0.2" }).waitFor();

    await session.page.getByRole("link", { name: "Incidents", exact: true }).click();
    await session.page.waitForURL(`${baseUrl}/admin/incidents`);
    const row = session.page.getByTestId("incident-row").filter({ hasText: "127.0.0.2" });
    expect(await row.textContent()).toContain("En cours");
    await row.getByRole("link").click();
    await session.page.waitForURL(/\/admin\/incidents\/.+/);
    await session.page.getByRole("heading", { name: "Incident fournisseur : 127.0.0.2" }).waitFor();
    expect(await session.page.getByTestId("incident-listing").count()).toBe(10);
    expect(await session.page.getByText("Incident ouvert").first().isVisible()).toBe(true);
    expect(await session.page.locator("body").textContent()).not.toContain("demo-secret");
    await screenshot(session.page, "incident-detail");

    await session.page.getByRole("button", { name: "Clore l'incident" }).click();
    await session.page.getByRole("button", { name: "Confirmer la clôture" }).click();
    await session.page.getByTestId("incident-status").filter({ hasText: "Résolu" }).waitFor();
    expect(await session.page.getByTestId("incident-status").textContent()).toContain("clos par Sophie Martin");
    await session.page.goto(`${baseUrl}/admin`);
    await session.page.getByRole("heading", { name: "Tableau de bord support" }).waitFor();
    expect(await session.page.getByTestId("incident-banner").count()).toBe(0);
    await screenshot(session.page, "incident-closed");
  });

  it("keeps the incident pages readable at 375 px", async () => {
    const phone = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: "fr-FR" });
    const mobile = await phone.newPage();
    await signIn(mobile, baseUrl, "support2@example.com");
    await mobile.waitForURL(`${baseUrl}/admin`);
    await mobile.goto(`${baseUrl}/admin/incidents`);
    const overflow = () =>
      mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await mobile.getByTestId("incident-row").first().getByRole("link").click();
    await mobile.waitForURL(/\/admin\/incidents\/.+/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
