import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generate } from "otplib";
import { openBrowserSession, screenshot, signIn, press } from "./browser";
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
const EMAIL = "deux.facteurs@example.com";
const PASSWORD = "un second facteur 2026";

describe("two-factor, keyboard only", () => {
  it("an admin enrols from « Mon compte » (QR code, key, ten recovery codes); the next sign-in asks for the code", async () => {
    await createUser(systemContext(database.db, "cli"), {
      email: EMAIL,
      name: "Lina Deux",
      role: "admin",
      password: PASSWORD,
    });
    const page = session.page;
    await signIn(page, baseUrl, EMAIL, PASSWORD);
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/compte`);
    await press(page, page.getByRole("button", { name: "Activer la double authentification" }));
    await page.getByRole("img", { name: /QR code/ }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await page.getByLabel("Code à 6 chiffres").focus();
    await page.keyboard.type(await generate({ secret }));
    await page.keyboard.press("Enter");
    const codes = page.getByTestId("recovery-codes").getByRole("listitem");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, "two-factor-codes");
    const recovery = (await codes.nth(2).textContent())!.trim();
    await press(page, page.getByRole("button", { name: "J'ai noté mes codes" }));
    await page.waitForURL(`${baseUrl}/admin`);

    await session.context.clearCookies();
    await signIn(page, baseUrl, EMAIL, PASSWORD);
    const code = page.getByLabel("Code de vérification");
    await code.waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await code.focus();
    await page.keyboard.type("000000");
    await page.keyboard.press("Enter");
    await page.getByText("Code de vérification incorrect.").waitFor();
    await page.getByLabel("Code de vérification").fill("");
    await page.getByLabel("Code de vérification").focus();
    await page.keyboard.type(recovery);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/admin`);
  });
});
