import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sql } from "drizzle-orm";
import { openBrowserSession, screenshot, signIn } from "./browser";
import { wcagViolations } from "./axe";
import { connectPostgres } from "@/server/db/connect";

const baseUrl = inject("baseUrl");
const session = openBrowserSession(
  { viewport: { width: 1280, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] },
  (page) => page.on("dialog", (dialog) => void dialog.accept()),
);
let database: ReturnType<typeof connectPostgres>;
beforeAll(() => {
  database = connectPostgres(inject("databaseUrl"), 1, "pglite-server");
});
afterAll(() => database.close());

describe("« Liens d'export »: the host (host3, who reads English) hands each platform its link and sees it read", () => {
  it("copies a link, regenerates it, sees « Never read », then « Read … by Airbnb » after a read, keyboard only", async () => {
    const { page } = session;
    await signIn(page, baseUrl, "host3@example.com");
    await page.waitForURL(`${baseUrl}/hote/calendriers`);
    const listing = page.getByTestId("host-listing").filter({ hasText: "Mas camarguais" });
    const airbnb = () => listing.getByTestId("export-link").filter({ hasText: "Airbnb" }).first();
    // Keyboard only: open « Export links ».
    const openLinks = async () => {
      await listing.getByTestId("export-links").locator("summary").focus();
      await page.keyboard.press("Enter");
      await airbnb().waitFor();
    };
    await openLinks();
    expect(await airbnb().getByTestId("export-link-state").textContent()).toBe("Not read yet");

    // A day later nobody has read it: « Never read » (and no alert: a link never read is not an outage).
    await database.db.execute(
      sql`update export_links set created_at = now() - interval '25 hours' where listing_id = (select id from listings where title = 'Mas camarguais')`,
    );
    await page.reload();
    await openLinks();
    expect(await airbnb().getByTestId("export-link-state").textContent()).toBe("Never read");

    // « Copy », keyboard only: the link is on the clipboard.
    const firstUrl = await airbnb().getByTestId("export-link-url").inputValue();
    expect(firstUrl).toMatch(new RegExp(`^${baseUrl}/ical/[A-Za-z0-9_-]{43}\\.ics$`));
    await airbnb().getByRole("button", { name: "Copy the Airbnb link" }).focus();
    await page.keyboard.press("Enter");
    await airbnb()
      .getByRole("status")
      .filter({ hasText: /Link copied|Link selected/ })
      .waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (copied !== null) expect(copied).toBe(firstUrl);

    // « Regenerate »: a new link; the old one answers during its grace (the integration tests read it).
    await airbnb().getByRole("button", { name: "Regenerate the Airbnb link" }).focus();
    await page.keyboard.press("Enter");
    await airbnb().getByText("The previous link still works until").waitFor();
    const newUrl = await airbnb().getByTestId("export-link-url").inputValue();
    expect(newUrl).not.toBe(firstUrl);

    // Airbnb reads the new link: « Read … by Airbnb ».
    const read = await fetch(newUrl, { headers: { "user-agent": "Airbnb/1.0 (calendar importer)" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await read.text()).toContain("BEGIN:VCALENDAR");
    await page.reload();
    await openLinks();
    expect(await airbnb().getByTestId("export-link-state").textContent()).toMatch(/^Read .+, by Airbnb$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await screenshot(page, "host-export-links");
    expect(await wcagViolations(page)).toEqual([]);
  });
});
