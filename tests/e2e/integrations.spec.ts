import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";
import { wcagViolations } from "./axe";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });

describe("« Intégrations »", () => {
  it("lets an admin make a key, shows it once, and revoke it: the key then opens nothing", async () => {
    const page = session.page;
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, baseUrl, "admin@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.getByRole("link", { name: "Intégrations" }).first().click();
    await page.waitForURL(`${baseUrl}/admin/integrations`);
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByLabel("Nom").fill("Plateforme de test");
    await page.getByRole("checkbox", { name: /Lire les alertes/ }).check();
    await page.getByRole("button", { name: "Créer la clé" }).click();
    const shown = page.getByTestId("api-key-secret");
    await shown.waitFor();
    const key = (await shown.textContent())!.trim();
    expect(key).toMatch(/^csa_[0-9A-Za-z]{43}$/);
    const row = page.getByTestId("api-key").filter({ hasText: "Plateforme de test" });
    await row.waitFor();
    expect(await row.textContent()).toContain(key.slice(0, 8));
    expect(await row.textContent()).not.toContain(key);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, "integrations-key-created");

    const call = () => fetch(`${baseUrl}/api/v1/alerts`, { headers: { authorization: `Bearer ${key}` } });
    expect((await call()).status).toBe(200);
    // A key sent in the URL by mistake: refused, and (global-setup's teardown checks) in no log line.
    expect((await fetch(`${baseUrl}/api/v1/alerts?api_key=${key}`)).status).toBe(400);
    // Shown once: a reload shows the prefix only.
    await page.reload();
    expect(await page.getByTestId("api-key-secret").count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toContain(key);

    await row.getByRole("button", { name: /Révoquer/ }).click();
    await row.getByTestId("api-key-state").filter({ hasText: "Révoquée" }).waitFor();
    expect((await call()).status).toBe(401);
  });

  it("stays closed to support agents", async () => {
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    await session.page.goto(`${baseUrl}/admin/integrations`);
    await session.page.waitForURL(`${baseUrl}/acces-refuse`);
  });
});
