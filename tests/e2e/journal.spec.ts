import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";
import { wcagViolations } from "./axe";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });

describe("« Journal »: the audit log on screen", () => {
  it("an admin reaches it from the header, filters by an action, and support is turned away", async () => {
    const { page } = session;
    await signIn(page, baseUrl, "admin@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.getByRole("link", { name: "Journal" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/admin/journal`);
    await page.getByTestId("audit-entry").first().waitFor();
    expect(await page.getByText("la rétention ne le touche pas").count()).toBe(1);
    // Filter on the first action the log holds, from its own list.
    const select = page.locator('select[name="action"]');
    const action = await select.locator("option").nth(1).getAttribute("value");
    expect(action).toMatch(/^[a-z_]+\.[a-z_.-]+$/);
    await select.selectOption(action!);
    await page.getByRole("button", { name: "Filtrer" }).press("Enter");
    await page.waitForURL(new RegExp(`action=${action!.replace(/\./g, "\\.")}`));
    const actions = await page.getByTestId("audit-entry").locator("td:nth-child(3)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set([action]));
    await screenshot(page, "journal");
    expect(await wcagViolations(page)).toEqual([]);
    await session.context.clearCookies();
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/journal`);
    await page.waitForURL(`${baseUrl}/acces-refuse`);
  });
});
