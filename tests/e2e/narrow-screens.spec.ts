import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";

const baseUrl = inject("baseUrl");
// An iPhone SE's width: the narrowest screen an agent or a host uses.
const session = openBrowserSession({ viewport: { width: 375, height: 740 } });

/** How much wider than the window the page is (0 when it fits). */
const overflow = () => session.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("at 375 px", () => {
  it("fits every back-office page in the window, with the navigation in a menu that marks the current page", async () => {
    await signIn(session.page, baseUrl, "admin@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    for (const path of [
      "/admin",
      "/admin/alerts/calendar-sync",
      "/admin/alerts/calendar-sync?status=resolved",
      "/admin/conflits",
      "/admin/incidents",
      "/admin/notifications",
      "/admin/integrations",
    ]) {
      await session.page.goto(`${baseUrl}${path}`);
      expect(await overflow(), path).toBeLessThanOrEqual(0);
    }
    await session.page.goto(`${baseUrl}/admin/incidents`);
    // The inline links are hidden: one « Se déconnecter » and the links, in the menu.
    expect(await session.page.getByRole("button", { name: "Se déconnecter", exact: true }).count()).toBe(0);
    await session.page.getByText("Menu", { exact: true }).click();
    const menu = session.page.getByRole("navigation", { name: "Menu" });
    expect(await menu.getByRole("link", { name: "Notifications" }).isVisible()).toBe(true);
    expect(await menu.getByRole("link", { name: "Incidents" }).getAttribute("aria-current")).toBe("page");
    expect(await menu.getByRole("link", { name: "Alertes calendrier" }).getAttribute("aria-current")).toBeNull();
    expect(await session.page.getByRole("button", { name: "Se déconnecter", exact: true }).count()).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(session.page, "narrow-admin-menu");
    // A badge stays on one line.
    await session.page.goto(`${baseUrl}/admin/incidents`);
    const badges = session.page.locator("[data-testid=status-badge], [data-testid=incident-state]");
    for (const badge of await badges.all()) expect((await badge.boundingBox())!.height).toBeLessThan(30);
  });

  it("fits the host's page in the window", async () => {
    await signIn(session.page, baseUrl, "host1@example.com");
    await session.page.waitForURL(`${baseUrl}/hote/calendriers`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(session.page, "narrow-host");
  });
});

describe("« Accès refusé »", () => {
  it("answers 403 with the French page", async () => {
    await signIn(session.page, baseUrl, "host1@example.com");
    await session.page.waitForURL(`${baseUrl}/hote/calendriers`);
    const response = await session.page.goto(`${baseUrl}/acces-refuse`);
    expect(response!.status()).toBe(403);
    expect(await session.page.getByRole("heading", { name: "Accès refusé" }).isVisible()).toBe(true);
  });
});

describe("between a phone and a wide screen", () => {
  it("keeps the admin header within the window at 768, 1024 and 1280 px", async () => {
    await signIn(session.page, baseUrl, "admin@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    for (const width of [768, 1024, 1280]) {
      await session.page.setViewportSize({ width, height: 800 });
      await session.page.goto(`${baseUrl}/admin/integrations`);
      expect(await overflow(), `${width} px`).toBeLessThanOrEqual(0);
      const header = await session.page.locator("header").boundingBox();
      expect(header!.height, `${width} px`).toBeLessThan(80);
    }
  });
});
