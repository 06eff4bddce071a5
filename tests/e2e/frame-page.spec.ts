import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });

// /admin/cadre is the back-office frame alone, served to `npm run bench:http` only (BENCH_FRAME_PAGE=1). Elsewhere it
// checks the viewer like every back-office page, then answers 404.
describe("the benchmark's frame page", () => {
  it("sends an anonymous visitor to sign in and a host to the 403 page", async () => {
    await session.page.goto(`${baseUrl}/admin/cadre`);
    await session.page.waitForURL(`${baseUrl}/login?callbackUrl=${encodeURIComponent("/admin/cadre")}`);
    await signIn(session.page, baseUrl, "host1@example.com");
    await session.page.waitForURL(`${baseUrl}/hote/calendriers`);
    await session.page.goto(`${baseUrl}/admin/cadre`);
    await session.page.waitForURL(`${baseUrl}/acces-refuse`);
  });

  it("is not found for support outside the benchmark", async () => {
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    const response = await session.page.goto(`${baseUrl}/admin/cadre`);
    expect(response?.status()).toBe(404);
  });
});
