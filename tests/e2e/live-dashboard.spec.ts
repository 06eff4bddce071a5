import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });

describe("the dashboard follows what it shows", () => {
  it("moves the list and its counts together when an alert is paused elsewhere, without a reload", async () => {
    const page = session.page;
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    // Whichever alert the list shows first (the other specs take theirs back as they were).
    const link = page.getByTestId("calendar-alert").first().getByRole("link").first();
    const title = (await link.textContent())!;
    const alertId = (await link.getAttribute("href"))!.split("/").pop()!;
    const row = page.getByTestId("calendar-alert").filter({ hasText: title });
    const countBefore = Number((await page.getByTestId("count-active").textContent())!.match(/\d+/)![0]);
    // A reload would lose this.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    // A colleague pauses it from their own screen.
    const paused = await page.request.put(`${baseUrl}/api/admin/alerts/${alertId}/snooze`, {
      data: { until: new Date(Date.now() + 3_600_000).toISOString() },
      headers: { origin: baseUrl },
    });
    expect(paused.status()).toBe(200);
    try {
      // The agent comes back to the tab: the page reads itself again (as it does every 30 s).
      await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
      await row.waitFor({ state: "detached" });
      const countAfter = Number((await page.getByTestId("count-active").textContent())!.match(/\d+/)![0]);
      expect(countAfter).toBe(countBefore - 1);
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    } finally {
      expect(
        (
          await page.request.delete(`${baseUrl}/api/admin/alerts/${alertId}/snooze`, { headers: { origin: baseUrl } })
        ).status(),
      ).toBe(200);
    }
  });
});
