import { describe, expect, inject, it } from "vitest";
import type { ConsoleMessage } from "playwright-core";
import { openBrowserSession, signIn, signInAttemptsFrom } from "./browser";

const baseUrl = inject("baseUrl");
let consoleErrors: string[] = [];
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } }, (page) => {
  consoleErrors = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
});

// What a page under /admin must never hand to someone without the role: titles, ids, masked URLs, messages.
const SECRETS = [
  "Appartement haussmannien",
  "Canal Saint-Martin",
  "Calendrier introuvable",
  "127.0.0.1:",
  "HTTP 404",
  "tentatives",
];

/**
 * Signs in as support and records the request the client router sends when navigating from /admin to `linkName`:
 * its RSC headers (RSC, Next-Router-State-Tree naming the rendered /admin segment, Next-URL) and its `_rsc` key.
 */
async function captureRouterRequest(linkName: string): Promise<{ headers: Record<string, string>; rscKey: string }> {
  await signIn(session.page, baseUrl, "support@example.com");
  await session.page.waitForURL(`${baseUrl}/admin`);
  const captured = new Promise<{ headers: Record<string, string>; rscKey: string }>((resolve) => {
    session.page.on("request", (request) => {
      const headers = request.headers();
      if (
        headers["rsc"] === "1" &&
        !headers["next-router-prefetch"] &&
        headers["next-router-state-tree"]?.includes("admin")
      ) {
        resolve({ headers, rscKey: new URL(request.url()).searchParams.get("_rsc") ?? "" });
      }
    });
  });
  await session.page.getByRole("link", { name: linkName, exact: true }).first().click();
  return captured;
}

describe("back-office pages authorize each request themselves (RSC navigations included)", () => {
  it("gives no data to an anonymous visitor or a host replaying the client router's RSC request, on every /admin page", async () => {
    const { headers, rscKey } = await captureRouterRequest("Alertes calendrier");
    expect(decodeURIComponent(headers["next-router-state-tree"]!)).toContain('"admin"');
    await session.page.waitForURL(/\/admin\/alerts\/calendar-sync/);
    // Listing 02's alert, whatever its status after the other tests.
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=all&q=demo-listing-02`);
    const detailHref = await session.page.getByTestId("alert-row").first().getByRole("link").getAttribute("href");
    expect(detailHref).toMatch(/^\/admin\/alerts\/calendar-sync\/.+/);

    const hostContext = await session.browser.newContext();
    const hostPage = await hostContext.newPage();
    await signIn(hostPage, baseUrl, "host1@example.com");
    await hostPage.waitForURL(`${baseUrl}/hote/calendriers`);
    const hostCookie = (await hostContext.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    await hostContext.close();

    const supportCookie = (await session.context.cookies())
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
    const replayed = {
      rsc: "1",
      "next-router-state-tree": headers["next-router-state-tree"]!,
      ...(headers["next-url"] ? { "next-url": headers["next-url"] } : {}),
    };
    // Next answers a request whose _rsc key does not match its headers with a redirect to the right key: follow it.
    const replay = async (path: string, cookie: string) => {
      const url = new URL(`${baseUrl}${path}`);
      url.searchParams.set("_rsc", rscKey);
      const response = await fetch(url, {
        headers: { ...replayed, ...(cookie ? { cookie } : {}) },
        redirect: "follow",
      });
      return response.text();
    };
    // The replay works: with the support session it returns the RSC payload with the data.
    expect(await replay("/admin/alerts/calendar-sync?status=all&q=demo-listing-02", supportCookie)).toContain(
      "Appartement haussmannien",
    );
    expect(await replay(detailHref!, supportCookie)).toContain("Appartement haussmannien");
    for (const path of [
      "/admin",
      "/admin/alerts/calendar-sync",
      "/admin/alerts/calendar-sync?status=all",
      "/admin/alerts/calendar-sync?status=all&q=demo-listing-02",
      detailHref!,
    ]) {
      for (const cookie of ["", hostCookie]) {
        const body = await replay(path, cookie);
        for (const secret of SECRETS)
          expect(body, `${path} ${cookie ? "as a host" : "anonymous"} leaked "${secret}"`).not.toContain(secret);
      }
    }
  });

  it("brings the user back to the page they asked for after sign-in (the escalation e-mail's link)", async () => {
    await signIn(session.page, baseUrl, "support2@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=all`);
    const detailHref = await session.page.getByTestId("alert-row").first().getByRole("link").getAttribute("href");
    await session.context.clearCookies();

    await session.page.goto(`${baseUrl}${detailHref}`);
    await session.page.waitForURL(/\/login\?callbackUrl=/);
    await session.page.getByLabel("Adresse e-mail").fill("support2@example.com");
    await session.page.getByLabel("Mot de passe").fill("demo1234");
    await session.page.getByRole("button", { name: "Se connecter", exact: true }).click();
    await session.page.waitForURL(`${baseUrl}${detailHref}`);
    await session.page.getByRole("heading", { name: "Historique", exact: true }).waitFor();
  });

  it("never sends the browser to another host after sign-in, whatever the callbackUrl", async () => {
    for (const callback of ["/%5Cevil.example/x", "/%09/evil.example/x", "//evil.example/x", "/.//evil.example/x"]) {
      await session.context.clearCookies();
      await session.page.goto(`${baseUrl}/login?callbackUrl=${callback}`);
      await session.page.getByLabel("Adresse e-mail").fill("support@example.com");
      await session.page.getByLabel("Mot de passe").fill("demo1234");
      await session.page.getByRole("button", { name: "Se connecter", exact: true }).click();
      await session.page.waitForURL((url) => url.pathname.startsWith("/admin"));
      expect(new URL(session.page.url()).origin).toBe(baseUrl);
    }
  });
});

describe("Content-Security-Policy", () => {
  it("is nonce-based on every page, keeps the other headers, and the pages work under it with no violation", async () => {
    const response = await session.page.goto(`${baseUrl}/login`);
    const policy = response!.headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response!.headers()).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
    const again = await fetch(`${baseUrl}/login`);
    expect(again.headers.get("content-security-policy")).not.toBe(policy);

    // Sign-in goes through next-auth's client code and client navigations through the router's: neither works
    // unless the scripts run under the policy.
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    await session.page.getByRole("link", { name: "Alertes calendrier", exact: true }).first().click();
    await session.page.waitForURL(/\/admin\/alerts\/calendar-sync/);
    await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=all`);
    await session.page.getByTestId("alert-row").first().getByRole("link").click();
    await session.page.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    await session.page.getByRole("heading", { name: "Historique", exact: true }).waitFor();
    expect(consoleErrors.filter((text) => /Content.Security.Policy|Refused to/i.test(text))).toEqual([]);
  });
});

describe("malformed requests on the production server", () => {
  it("answers a malformed %-escape in a path with 400, in the JSON envelope for the API", async () => {
    const api = await fetch(`${baseUrl}/api/admin/alerts/%E0%A4%A`);
    expect(api.status).toBe(400);
    expect((await api.json()).error.code).toBe("VALIDATION_FAILED");
    const pageResponse = await fetch(`${baseUrl}/admin/alerts/calendar-sync/%E0%A4%A`);
    expect(pageResponse.status).toBe(400);
  });

  it("shows the French 404 page for a malformed alert id instead of a 500", async () => {
    await signIn(session.page, baseUrl, "support@example.com");
    await session.page.waitForURL(`${baseUrl}/admin`);
    const response = await session.page.goto(`${baseUrl}/admin/alerts/calendar-sync/%00`);
    expect(response!.status()).toBe(404);
    // The not-found boundary may arrive in a later chunk of the stream: wait for it rather than look once.
    await session.page.getByRole("heading", { name: "Page introuvable" }).waitFor();
  });

  it("answers /api/health with the database's round trip", async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).data.database.roundTripMs).toBeGreaterThanOrEqual(0);
  });

  it("throttles sign-in by the socket's address, whatever X-Forwarded-For a client sends", async () => {
    const from77 = await signInAttemptsFrom(baseUrl, "127.0.0.77");
    try {
      const attempt = (i: number) =>
        from77.attempt(`spoofer-${i}@example.com`, "wrong-pass", { "x-forwarded-for": `203.0.113.${i}` });
      for (let i = 0; i < 10; i++) expect(await attempt(i)).not.toContain("Trop de tentatives");
      expect(await attempt(99)).toContain("Trop de tentatives de connexion échouées");
      // Only that address is locked out: the browser, on 127.0.0.1, still signs in.
      await signIn(session.page, baseUrl, "support2@example.com");
      await session.page.waitForURL(`${baseUrl}/admin`);
    } finally {
      await from77.close();
    }
  });
});
