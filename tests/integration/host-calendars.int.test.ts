import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setUpSyncTestEnvironment } from "../helpers/sync-test-environment";
import { makeFeed, makeHostUser, makeListing, makeSupportUser, SUPPORT_VIEWER } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { calendarFeeds, calendarSyncAlerts } from "@/server/db/schema";
import { ForbiddenError } from "@/server/errors";
import { syncFeed } from "@/server/services/calendar/calendar.service";
import { listHostCalendars } from "@/server/services/read-models/host-calendars";
import { POST as addFeedRoute } from "@/app/api/listings/[id]/calendar-feeds/route";
import { PATCH as replaceRoute } from "@/app/api/listings/[id]/calendar-feeds/[feedId]/route";
import { POST as hostSyncRoute } from "@/app/api/listings/[id]/calendar-feeds/[feedId]/sync/route";

const env = setUpSyncTestEnvironment();
const fetcher = env.fetcher;
const db = () => env.db;

async function hostWithListing() {
  const host = await makeHostUser(db());
  const listing = await makeListing(db(), { ownerId: host.id });
  return { host, listing, cookie: await sessionCookieFor(host) };
}
const add = async (listingId: string, cookie: string, url: string) =>
  readJson(
    await addFeedRoute(
      apiRequest(`/api/listings/${listingId}/calendar-feeds`, {
        method: "POST",
        cookie,
        body: { provider: "Airbnb", url },
      }),
      routeContext({ id: listingId }),
    ),
  );
const feedsOf = (listingId: string) => db().select().from(calendarFeeds).where(eq(calendarFeeds.listingId, listingId));

describe("a link is checked when it is saved", () => {
  it.each(["not-found", "gone", "forbidden", "unauthorized", "html", "json", "redirect-loop", "redirect-blocked"])(
    "refuses a %s link with the plain reason (422) and stores nothing",
    async (scenario) => {
      const { listing, cookie } = await hostWithListing();
      const { status, body } = await add(
        listing.id,
        cookie,
        `${env.feeds.baseUrl}/${scenario}/${listing.id}.ics?t=TOKEN`,
      );
      expect(status).toBe(422);
      expect(body.error).toMatchObject({
        code: "FEED_LINK_REFUSED",
        message: expect.stringMatching(/^Ce lien ne peut pas être utilisé : /),
        details: { errorType: expect.any(String) },
      });
      expect(body.error.message).not.toMatch(/HTTP|\d{3}|TOKEN/);
      expect(await feedsOf(listing.id)).toEqual([]);
    },
  );

  it.each(["server-error", "rate-limited", "unavailable"])(
    "stores a %s link with a warning, for the worker to retry",
    async (scenario) => {
      const { listing, cookie } = await hostWithListing();
      const { status, body } = await add(
        listing.id,
        cookie,
        `${env.feeds.baseUrl}/${scenario}/${listing.id}.ics?t=TOKEN`,
      );
      expect(status).toBe(201);
      expect(body.meta.linkCheck).toMatchObject({
        verdict: "transient",
        message: expect.stringContaining("réessaierons"),
      });
      expect(await feedsOf(listing.id)).toHaveLength(1);
    },
  );

  it("stores a working link with its first sync already done", async () => {
    const { listing, cookie } = await hostWithListing();
    const { status, body } = await add(listing.id, cookie, `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=TOKEN`);
    expect(status).toBe(201);
    expect(body.meta.linkCheck).toMatchObject({ verdict: "works", message: "Lien vérifié : 10 périodes importées." });
    expect(body.data).toMatchObject({ lastOutcome: "success", eventCount: 10 });
    expect(JSON.stringify(body)).not.toContain("TOKEN");
  });
});

describe("replacing a link", () => {
  it("keeps the feed, and the new link's first sync resolves the alert « lien remplacé par l'hôte »", async () => {
    const { host, listing, cookie } = await hostWithListing();
    const feed = await makeFeed(db(), listing.id, { url: `${env.feeds.baseUrl}/not-found/${listing.id}.ics?t=OLD` });
    for (let i = 0; i < 2; i++) await syncFeed(env.ctx, { feedId: feed.id, fetcher });
    const replace = async (url: string, who = cookie) =>
      readJson(
        await replaceRoute(
          apiRequest(`/api/listings/${listing.id}/calendar-feeds/${feed.id}`, {
            method: "PATCH",
            cookie: who,
            body: { url },
          }),
          routeContext({ id: listing.id, feedId: feed.id }),
        ),
      );
    expect((await replace(`${env.feeds.baseUrl}/forbidden/${listing.id}.ics?t=BAD`)).status).toBe(422);
    expect((await feedsOf(listing.id))[0]!.urlMasked).toContain("/…");
    const stranger = await sessionCookieFor(await makeHostUser(db()));
    expect((await replace(`${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=NEW`, stranger)).status).toBe(404);
    const { status, body } = await replace(`${env.feeds.baseUrl}/booking/${listing.id}.ics?t=NEW`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id: feed.id, lastOutcome: "success", consecutiveFailures: 0 });
    const [alert] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id));
    expect(alert).toMatchObject({
      status: "resolved",
      resolvedAutomatically: true,
      resolutionNote: "lien remplacé par l'hôte",
    });
    expect(
      (await listHostCalendars(env.as({ id: host.id, role: "host", name: host.name, email: host.email })))[0]!.feeds[0],
    ).toMatchObject({ state: "ok", guidance: null });
  });

  it("fetches nothing when the new link is the one already stored, and says so (409)", async () => {
    const { listing, cookie } = await hostWithListing();
    const url = `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=SAME`;
    const added = await add(listing.id, cookie, url);
    const path = `/airbnb/${listing.id}.ics`;
    const before = env.feeds.hits.get(path);
    const { status, body } = await readJson(
      await replaceRoute(
        apiRequest(`/api/listings/${listing.id}/calendar-feeds/${added.body.data.id}`, {
          method: "PATCH",
          cookie,
          body: { url },
        }),
        routeContext({ id: listing.id, feedId: added.body.data.id }),
      ),
    );
    expect(status).toBe(409);
    expect(body.error.message).toContain("Synchroniser maintenant");
    expect(env.feeds.hits.get(path)).toBe(before);
  });
});

describe("a link that can no longer be read", () => {
  it("is replaced like any other (the check for an unchanged URL does not fail on it)", async () => {
    const { listing, cookie } = await hostWithListing();
    const feed = await makeFeed(db(), listing.id, { url: `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=OLD` });
    await db()
      .update(calendarFeeds)
      .set({ urlCiphertext: "v1:bm90:cmVhZGFibGU:YW55bW9yZQ" })
      .where(eq(calendarFeeds.id, feed.id));
    const { status } = await readJson(
      await replaceRoute(
        apiRequest(`/api/listings/${listing.id}/calendar-feeds/${feed.id}`, {
          method: "PATCH",
          cookie,
          body: { url: `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=NEW` },
        }),
        routeContext({ id: listing.id, feedId: feed.id }),
      ),
    );
    expect(status).toBe(200);
  });
});

describe("labels", () => {
  it.each(["Airbnb\r\nBcc: victim@example.com", "Air\u202Ebnb"])(
    "refuses the label %j (400) before fetching anything, and stores nothing",
    async (provider) => {
      const { listing, cookie } = await hostWithListing();
      const { status, body } = await readJson(
        await addFeedRoute(
          apiRequest(`/api/listings/${listing.id}/calendar-feeds`, {
            method: "POST",
            cookie,
            body: { provider, url: `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=L` },
          }),
          routeContext({ id: listing.id }),
        ),
      );
      expect(status).toBe(400);
      expect(body.error.details).toEqual([expect.objectContaining({ path: "provider" })]);
      expect(env.feeds.hits.get(`/airbnb/${listing.id}.ics`)).toBeUndefined();
      expect(await feedsOf(listing.id)).toEqual([]);
    },
  );
});

describe("a save asks the platform once", () => {
  it("records the first sync from the body the check downloaded: one request per save", async () => {
    const { listing, cookie } = await hostWithListing();
    const { status, body } = await add(listing.id, cookie, `${env.feeds.baseUrl}/booking/${listing.id}.ics?t=ONCE`);
    expect(status).toBe(201);
    expect(body.data).toMatchObject({ lastOutcome: "success" });
    expect(env.feeds.hits.get(`/booking/${listing.id}.ics`)).toBe(1);
  });
});

describe("« Synchroniser maintenant » and « Mes calendriers »", () => {
  it("fetches at most once a minute per feed: a second click answers the fresh reading, one after a failure says when to retry (429)", async () => {
    const { listing, cookie } = await hostWithListing();
    const feed = await makeFeed(db(), listing.id, { url: `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=TOKEN` });
    const sync = async () =>
      hostSyncRoute(
        apiRequest(`/api/listings/${listing.id}/calendar-feeds/${feed.id}/sync`, { method: "POST", cookie }),
        routeContext({ id: listing.id, feedId: feed.id }),
      );
    const first = await readJson(await sync());
    expect(first).toMatchObject({ status: 200, body: { data: { outcome: "success" } } });
    // Right after a good reading (a link just saved and checked): that reading, not an error, and no second fetch.
    const fresh = await readJson(await sync());
    expect(fresh).toMatchObject({ status: 200, body: { data: { id: first.body.data.id, outcome: "success" } } });
    expect(env.feeds.hits.get(`/airbnb/${listing.id}.ics`)).toBe(1);
    const broken = await makeFeed(db(), listing.id, {
      url: `${env.feeds.baseUrl}/server-error/${listing.id}.ics?t=TOKEN`,
    });
    const syncBroken = async () =>
      hostSyncRoute(
        apiRequest(`/api/listings/${listing.id}/calendar-feeds/${broken.id}/sync`, { method: "POST", cookie }),
        routeContext({ id: listing.id, feedId: broken.id }),
      );
    expect((await readJson(await syncBroken())).body.data.outcome).toBe("failure");
    const again = await syncBroken();
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await again.json()).error.message).toMatch(/Réessayez dans \d+ s\./);
  });

  it("shows a host their own listings only, with the explanation and steps when a link is broken; nobody else", async () => {
    const { host, listing } = await hostWithListing();
    const other = await hostWithListing();
    const broken = await makeFeed(db(), listing.id, { url: `${env.feeds.baseUrl}/html/${listing.id}.ics?t=TOKEN` });
    await syncFeed(env.ctx, { feedId: broken.id, fetcher });
    await makeFeed(db(), other.listing.id);
    const view = await listHostCalendars(env.as({ id: host.id, role: "host", name: host.name, email: host.email }));
    expect(view.map((item) => item.id)).toEqual([listing.id]);
    expect(view[0]!.feeds[0]).toMatchObject({
      state: "failing",
      guidance: { whatWeSaw: expect.stringContaining("page web") },
      transientProblem: false,
    });
    expect(JSON.stringify(view)).not.toContain("TOKEN");
    await expect(listHostCalendars(env.as(SUPPORT_VIEWER))).rejects.toThrowError(ForbiddenError);
    const support = await makeSupportUser(db());
    await expect(
      listHostCalendars(env.as({ id: support.id, role: "support", name: "", email: "" })),
    ).rejects.toThrowError(ForbiddenError);
  });
});
