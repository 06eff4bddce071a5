import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, signIn, signInAttemptsFrom } from "./browser";
import { HOSTILE_PASSWORD } from "./global-setup";

// What a careless or hostile host can do from « Mes calendriers », tried against the production build over HTTP and
// in the browser (issue #16). Two hosts of their own (global-setup), so their limits touch no other test.
const baseUrl = inject("baseUrl");
const feedsUrl = inject("feedsUrl");
const session = openBrowserSession({ viewport: { width: 1280, height: 900 } });

async function signInAs(email: string, password = HOSTILE_PASSWORD, landing = "/hote/calendriers") {
  await signIn(session.page, baseUrl, email, password);
  await session.page.waitForURL(`${baseUrl}${landing}`);
}
const api = () => session.page.request;
const addFeed = (listingId: string, url: string, provider = "Mon agenda") =>
  api().post(`${baseUrl}/api/listings/${listingId}/calendar-feeds`, { data: { provider, url } });
const syncNow = (listingId: string, feedId: string) =>
  api().post(`${baseUrl}/api/listings/${listingId}/calendar-feeds/${feedId}/sync`);

describe("one host must not harm the others", () => {
  it("refuses the recurrence bomb in plain words while the app keeps answering everyone", async () => {
    await signInAs("careless@example.com");
    const health: number[] = [];
    let saving = true;
    const polling = (async () => {
      while (saving) health.push((await fetch(`${baseUrl}/api/health`)).status);
    })();
    const saved = await addFeed("careless-listing-1", `${feedsUrl}/recurrence-bomb/careless-listing-1.ics`);
    saving = false;
    await polling;
    expect(saved.status()).toBe(422);
    const { error } = await saved.json();
    expect(error).toMatchObject({ code: "FEED_LINK_REFUSED", details: { errorType: "FEED_TOO_COMPLEX" } });
    expect(error.message).toContain("répétés");
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
  });

  it("believes a ten-year Retry-After for an hour, for that host's feeds only; an admin sees the hold and lifts it", async () => {
    await signInAs("careless@example.com");
    const decade = await (
      await addFeed("careless-listing-2", `${feedsUrl}/retry-after-decade/careless-listing-2.ics`)
    ).json();
    expect(decade.meta.linkCheck.verdict).toBe("transient");
    const healthy = await (
      await addFeed("careless-listing-2", `${feedsUrl}/airbnb/careless-listing-2.ics`, "Airbnb")
    ).json();
    expect(healthy.meta.linkCheck.verdict).toBe("works");
    expect((await (await syncNow("careless-listing-2", decade.data.id)).json()).data).toMatchObject({
      outcome: "failure",
      error: { type: "RATE_LIMITED" },
    });
    const held = await syncNow("careless-listing-2", healthy.data.id);
    expect(held.status()).toBe(429);
    const retryAfter = Number(held.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    expect((await held.json()).error.message).toContain("patienter");

    await session.context.clearCookies();
    await signInAs("admin@example.com", "demo1234", "/admin");
    const holds = await (await api().get(`${baseUrl}/api/admin/provider-holds`)).json();
    const hold = holds.data.find((row: { provider: string }) => row.provider.startsWith("127.0.0.1:"));
    expect(hold).toMatchObject({ owners: 1, providerWide: false });
    expect(Date.parse(hold.until) - Date.now()).toBeLessThanOrEqual(3_600_000);
    await session.page.goto(`${baseUrl}/admin/incidents`);
    const row = session.page.getByTestId("provider-hold").filter({ hasText: hold.provider });
    await row.getByRole("button", { name: "Lever l'attente" }).click();
    await row.waitFor({ state: "detached" });
    expect((await (await api().get(`${baseUrl}/api/admin/provider-holds`)).json()).data).toEqual([]);

    // The host removes the broken link: its alert closes, and the other tests' dashboards are as they were.
    await session.context.clearCookies();
    await signInAs("careless@example.com");
    expect(
      (await api().delete(`${baseUrl}/api/listings/careless-listing-2/calendar-feeds/${decade.data.id}`)).status(),
    ).toBeLessThan(300);
  });

  it("opens no provider incident when one host's twenty feeds fail", async () => {
    await signInAs("hostile@example.com");
    const feeds: Array<{ listing: string; id: string }> = [];
    for (const listing of ["hostile-listing-1", "hostile-listing-2"]) {
      for (let i = 0; i < 10; i++) {
        const saved = await addFeed(listing, `${feedsUrl}/server-error/${listing}.ics?n=${i}`);
        expect(saved.status()).toBe(201);
        feeds.push({ listing, id: (await saved.json()).data.id });
      }
    }
    for (const feed of feeds)
      expect((await (await syncNow(feed.listing, feed.id)).json()).data.outcome).toBe("failure");
    await session.context.clearCookies();
    await signInAs("support@example.com", "demo1234", "/admin");
    const open = await (await api().get(`${baseUrl}/api/admin/incidents?status=open`)).json();
    expect(open.data.filter((incident: { provider: string }) => incident.provider.startsWith("127.0.0.1:"))).toEqual(
      [],
    );

    // The host removes its broken feeds: their alerts close, and the other tests' dashboards are as they were.
    await session.context.clearCookies();
    await signInAs("hostile@example.com");
    for (const feed of feeds)
      expect(
        (await api().delete(`${baseUrl}/api/listings/${feed.listing}/calendar-feeds/${feed.id}`)).status(),
      ).toBeLessThan(300);
    await session.context.clearCookies();
    await signInAs("support@example.com", "demo1234", "/admin");
    const stillOpen = await (
      await api().get(`${baseUrl}/api/admin/alerts/calendar-sync?q=${encodeURIComponent("Annonce hostile")}`)
    ).json();
    expect(stillOpen.data).toEqual([]);
  });

  it("answers a burst of 60 adds with refusals that say why (422, 429), and keeps at most 10 feeds on the listing", async () => {
    await signInAs("careless@example.com");
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        addFeed("careless-listing-1", `${feedsUrl}/airbnb/careless-listing-1.ics?burst=${i}`),
      ),
    );
    const statuses = responses.map((response) => response.status());
    expect(statuses.every((status) => [201, 422, 429].includes(status))).toBe(true);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    for (const response of responses.filter((r) => r.status() === 429))
      expect((await response.json()).error.message).toMatch(/Réessayez/);
    const feeds = await (await api().get(`${baseUrl}/api/listings/careless-listing-1/calendar-feeds`)).json();
    expect(feeds.data.length).toBeLessThanOrEqual(10);
  });
});

describe("sessions and sign-in", () => {
  const sessionCookie = async () =>
    (await session.context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;

  it("refuses a token copied before sign-out, on the API and on the page", async () => {
    await signInAs("careless@example.com");
    const copied = await sessionCookie();
    await session.page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
    await session.page.waitForURL(/\/login/);
    const replayed = { cookie: `${copied.name}=${copied.value}` };
    expect(
      (await fetch(`${baseUrl}/api/listings/careless-listing-1/calendar-feeds`, { headers: replayed })).status,
    ).toBe(401);
    const page = await fetch(`${baseUrl}/hote/calendriers`, { headers: replayed, redirect: "manual" });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(page.status).toBeLessThan(400);
    expect(page.headers.get("location")).toContain("/login");
  });

  it("« Se déconnecter partout » ends the account's other sessions at their next request", async () => {
    await signInAs("careless@example.com");
    const other = await session.browser.newContext({ locale: "fr-FR" });
    try {
      const otherPage = await other.newPage();
      await signIn(otherPage, baseUrl, "careless@example.com", HOSTILE_PASSWORD);
      await otherPage.waitForURL(`${baseUrl}/hote/calendriers`);
      await session.page.getByRole("button", { name: "Se déconnecter partout" }).click();
      await session.page.waitForURL(/\/login/);
      await otherPage.goto(`${baseUrl}/hote/calendriers`);
      await otherPage.waitForURL(/\/login/);
    } finally {
      await other.close();
    }
  });

  it("never locks an account out from another address: ten wrong passwords elsewhere, and the owner still signs in", async () => {
    const from78 = await signInAttemptsFrom(baseUrl, "127.0.0.78");
    try {
      for (let i = 0; i < 10; i++)
        expect(await from78.attempt("support2@example.com", "wrong-pass")).not.toContain("Trop de tentatives");
      expect(await from78.attempt("support2@example.com", "wrong-pass")).toContain(
        "Trop de tentatives de connexion échouées",
      );
    } finally {
      await from78.close();
    }
    await signInAs("support2@example.com", "demo1234", "/admin");
  });
});
