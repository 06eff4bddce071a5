import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openBrowserSession, screenshot, press } from "./browser";
import { wcagViolations } from "./axe";
import { connectPostgres } from "@/server/db/connect";
import { systemContext } from "@/server/service-context";
import { createUser } from "@/server/services/users/users.service";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });
let database: ReturnType<typeof connectPostgres>;
beforeAll(() => {
  database = connectPostgres(inject("databaseUrl"), 2, "pglite-server");
});
afterAll(() => database.close());

/** At the provider's own login page (oidc-provider's): the login name, any password, Enter. */
async function signInAtProvider(page: Page, login: string) {
  await page.waitForURL(/127\.0\.0\.3/);
  await page.locator('input[name="login"]').focus();
  await page.keyboard.type(login);
  await page.keyboard.press("Tab");
  await page.keyboard.type("n'importe quel mot de passe");
  await page.keyboard.press("Enter");
}

describe("« Se connecter avec Entreprise SSO », keyboard only, through the local provider's login page", () => {
  it("signs an existing agent in; an unverified address lands on the page that says why", async () => {
    await createUser(systemContext(database.db, "cli"), {
      email: "camille.sso@entreprise.example",
      name: "Camille Sso",
      role: "support",
    });
    const page = session.page;
    await page.goto(`${baseUrl}/login`);
    expect(await wcagViolations(page)).toEqual([]);
    await press(page, page.getByRole("button", { name: "Se connecter avec Entreprise SSO" }));
    await signInAtProvider(page, "camille.sso");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.getByRole("region", { name: "Alertes calendrier" }).waitFor();
    await screenshot(page, "company-sign-in-landed");

    await session.context.clearCookies();
    await page.goto(`${baseUrl}/login`);
    await press(page, page.getByRole("button", { name: "Se connecter avec Entreprise SSO" }));
    await signInAtProvider(page, "non.verifie");
    await page.waitForURL(`${baseUrl}/connexion-refusee?raison=unverified`);
    await page.getByRole("alert").filter({ hasText: "n'a pas vérifié cette adresse" }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });
});
