import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });
const LISTING = "Cabane dans les arbres";

describe("the dashboard follows what it shows", () => {
  it("moves the list and its counts together when an alert is paused elsewhere, without a reload", async () => {
    const page = session.page;
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    const row = page.getByTestId("calendar-alert").filter({ hasText: LISTING });
    const href = (await row.getByRole("link", { name: LISTING }).getAttribute("href"))!;
    const alertId = href.split("/").pop()!;
    const countBefore = Number((await page.getByTestId("count-active").textContent())!.match(/\d+/)![0]);
    let navigations = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    // A colleague pauses it from their own screen.
    const paused = await page.request.put(`${baseUrl}/api/admin/alerts/${alertId}/snooze`, { data: { until: new Date(Date.now() + 3_600_000).toISOString() }, headers: { origin: baseUrl } });
    expect(paused.status()).toBe(200);
    try {
      // The agent comes back to the tab: the page reads itself again (as it does every 30 s).
      await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
      await row.waitFor({ state: "detached" });
      const countAfter = Number((await page.getByTestId("count-active").textContent())!.match(/\d+/)![0]);
      expect(countAfter).toBe(countBefore - 1);
      expect(navigations).toBe(0);
    } finally {
      expect((await page.request.delete(`${baseUrl}/api/admin/alerts/${alertId}/snooze`, { headers: { origin: baseUrl } })).status()).toBe(200);
    }
  });
});
