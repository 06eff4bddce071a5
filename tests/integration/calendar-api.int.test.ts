import { describe, expect, it } from "vitest";
import { setUpSyncTestEnvironment } from "../helpers/sync-test-environment";
import { makeFeed, makeHostUser, makeListing, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { syncFeed } from "@/server/services/calendar/calendar.service";
import { GET as listFeeds, POST as addFeed } from "@/app/api/listings/[id]/calendar-feeds/route";
import { DELETE as deleteFeed } from "@/app/api/listings/[id]/calendar-feeds/[feedId]/route";
import { POST as syncNow } from "@/app/api/admin/calendar-feeds/[feedId]/sync/route";
import { GET as listAlertsRoute } from "@/app/api/admin/alerts/calendar-sync/route";
import { GET as alertDetailRoute } from "@/app/api/admin/alerts/[id]/route";
import { claimFeed } from "@/server/services/calendar/sync/feed-lease";

const env = setUpSyncTestEnvironment();
const fetcher = env.fetcher;

async function ownerAndListing() {
  const owner = await makeHostUser(env.db);
  const listing = await makeListing(env.db, { ownerId: owner.id });
  return { owner, listing, cookie: await sessionCookieFor(owner) };
}
const call = async (
  handler: (r: Request, c: never) => Promise<Response>,
  path: string,
  params: Record<string, string>,
  options: Parameters<typeof apiRequest>[1] = {},
) => readJson(await handler(apiRequest(path, options), routeContext(params) as never));

describe("host feed API", () => {
  it("lets the owner add, list and remove feeds, with URLs masked in every response", async () => {
    const { listing, cookie } = await ownerAndListing();
    const path = `/api/listings/${listing.id}/calendar-feeds`;
    const url = `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?s=PRIVATETOKEN`;
    const created = await call(
      addFeed,
      path,
      { id: listing.id },
      { method: "POST", cookie, body: { provider: "Airbnb", url } },
    );
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      provider: "Airbnb",
      url: `${env.feeds.baseUrl}/airbnb/…?…`,
      lastOutcome: "success",
    });
    expect(JSON.stringify(created.body)).not.toContain("PRIVATETOKEN");

    const duplicate = await call(
      addFeed,
      path,
      { id: listing.id },
      { method: "POST", cookie, body: { provider: "Airbnb", url } },
    );
    expect(duplicate.status).toBe(409);

    const listed = await call(listFeeds, path, { id: listing.id }, { cookie });
    expect(listed.body.data).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain("PRIVATETOKEN");

    const feedId = created.body.data.id;
    const removed = await call(
      deleteFeed,
      `${path}/${feedId}`,
      { id: listing.id, feedId },
      { method: "DELETE", cookie },
    );
    expect(removed.status).toBe(200);
    expect((await call(listFeeds, path, { id: listing.id }, { cookie })).body.data).toEqual([]);
    expect(
      (await call(deleteFeed, `${path}/${feedId}`, { id: listing.id, feedId }, { method: "DELETE", cookie })).status,
    ).toBe(404);
  });

  it("answers 400 for a bad URL, 401 anonymous, 403 for support, 404 for an unknown listing and for another host's, alike", async () => {
    const { listing, cookie } = await ownerAndListing();
    const path = `/api/listings/${listing.id}/calendar-feeds`;
    const bad = await call(
      addFeed,
      path,
      { id: listing.id },
      { method: "POST", cookie, body: { provider: "Airbnb", url: "ftp://example.com/x.ics" } },
    );
    expect(bad.status).toBe(400);
    expect((await call(listFeeds, path, { id: listing.id })).status).toBe(401);
    const stranger = await sessionCookieFor(await makeHostUser(env.db));
    const others = await call(listFeeds, path, { id: listing.id }, { cookie: stranger });
    const missing = await call(listFeeds, "/api/listings/nope/calendar-feeds", { id: "nope" }, { cookie: stranger });
    expect(others.status).toBe(404);
    expect(others.body.error.code).toBe(missing.body.error.code);
    const support = await sessionCookieFor(await makeSupportUser(env.db));
    expect((await call(listFeeds, path, { id: listing.id }, { cookie: support })).status).toBe(403);
    const admin = await sessionCookieFor(await makeUser(env.db, "admin"));
    expect((await call(listFeeds, path, { id: listing.id }, { cookie: admin })).status).toBe(200);
    expect((await call(listFeeds, "/api/listings/nope/calendar-feeds", { id: "nope" }, { cookie })).status).toBe(404);
  });
});

describe("POST /api/admin/calendar-feeds/[feedId]/sync", () => {
  it("syncs now and returns the run; a healthy sync resolves the alert", async () => {
    const listing = await makeListing(env.db);
    const feed = await makeFeed(env.db, listing.id, { url: `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?t=tok` });
    env.feeds.override(listing.id, "server-error");
    await syncFeed(env.ctx, { feedId: feed.id, fetcher });
    env.feeds.override(listing.id, null);
    const support = await sessionCookieFor(await makeSupportUser(env.db));
    const { status, body } = await call(
      syncNow,
      `/api/admin/calendar-feeds/${feed.id}/sync`,
      { feedId: feed.id },
      { method: "POST", cookie: support },
    );
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ feedId: feed.id, outcome: "success", httpStatus: 200, error: null });
    const open = await call(
      listAlertsRoute,
      `/api/admin/alerts/calendar-sync?listingId=${listing.id}`,
      {},
      { cookie: support },
    );
    expect(open.body.data).toEqual([]);
  });

  it("answers 409 while a worker holds the feed, 404 unknown, 401 and 403", async () => {
    const listing = await makeListing(env.db);
    const feed = await makeFeed(env.db, listing.id, { url: `${env.feeds.baseUrl}/airbnb/${listing.id}.ics` });
    const support = await sessionCookieFor(await makeSupportUser(env.db));
    await claimFeed(env.ctx, { feedId: feed.id, owner: "worker-x", leaseMs: 60_000 });
    const path = `/api/admin/calendar-feeds/${feed.id}/sync`;
    expect((await call(syncNow, path, { feedId: feed.id }, { method: "POST", cookie: support })).status).toBe(409);
    expect(
      (
        await call(
          syncNow,
          "/api/admin/calendar-feeds/nope/sync",
          { feedId: "nope" },
          { method: "POST", cookie: support },
        )
      ).status,
    ).toBe(404);
    expect((await call(syncNow, path, { feedId: feed.id }, { method: "POST" })).status).toBe(401);
    const host = await sessionCookieFor(await makeHostUser(env.db));
    expect((await call(syncNow, path, { feedId: feed.id }, { method: "POST", cookie: host })).status).toBe(403);
  });
});

describe("alert risk information", () => {
  it("shows how stale the calendar is and the bookings at risk, and sorts by risk", async () => {
    const support = await sessionCookieFor(await makeSupportUser(env.db));
    // Listing A: synced once (stays imported), then broken. Listing B: never synced, broken, but more attempts.
    const a = await makeListing(env.db);
    const feedA = await makeFeed(env.db, a.id, { url: `${env.feeds.baseUrl}/airbnb/${a.id}.ics` });
    await syncFeed(env.ctx, { feedId: feedA.id, fetcher });
    env.feeds.override(a.id, "not-found");
    await syncFeed(env.ctx, { feedId: feedA.id, fetcher });
    const b = await makeListing(env.db);
    const feedB = await makeFeed(env.db, b.id, { url: `${env.feeds.baseUrl}/not-found/${b.id}.ics` });
    await syncFeed(env.ctx, { feedId: feedB.id, fetcher });
    await syncFeed(env.ctx, { feedId: feedB.id, fetcher });

    const byAttempts = await call(listAlertsRoute, "/api/admin/alerts/calendar-sync", {}, { cookie: support });
    const ids = byAttempts.body.data.map((alert: { listing: { id: string } }) => alert.listing.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    const alertA = byAttempts.body.data.find((alert: { listing: { id: string } }) => alert.listing.id === a.id);
    expect(alertA.staleSince).not.toBeNull();
    expect(alertA.upcomingBookings.count).toBeGreaterThan(0);
    expect(Date.parse(alertA.upcomingBookings.firstStartsAt)).toBeGreaterThan(Date.now());
    const alertB = byAttempts.body.data.find((alert: { listing: { id: string } }) => alert.listing.id === b.id);
    expect(alertB).toMatchObject({ staleSince: null, upcomingBookings: { count: 0, firstStartsAt: null } });

    const byRisk = await call(listAlertsRoute, "/api/admin/alerts/calendar-sync?sort=risk", {}, { cookie: support });
    const riskIds = byRisk.body.data.map((alert: { listing: { id: string } }) => alert.listing.id);
    expect(riskIds.indexOf(a.id)).toBeLessThan(riskIds.indexOf(b.id));
    expect(
      (
        await call(
          listAlertsRoute,
          "/api/admin/alerts/calendar-sync?sort=risk&status=resolved",
          {},
          { cookie: support },
        )
      ).status,
    ).toBe(400);

    const detail = await call(
      alertDetailRoute,
      `/api/admin/alerts/${alertA.id}`,
      { id: alertA.id },
      { cookie: support },
    );
    expect(detail.body.data.feeds).toHaveLength(1);
    expect(detail.body.data.feeds[0].url).toMatch(/…/);
    expect(detail.body.data.recentRuns.map((run: { outcome: string }) => run.outcome)).toEqual(["failure", "success"]);
  });
});
