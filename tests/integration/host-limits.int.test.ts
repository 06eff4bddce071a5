import { describe, expect, it, onTestFinished } from "vitest";
import { startDemoFeedServer } from "@/demo/demo-feed-server";
import { eq } from "drizzle-orm";
import { setUpSyncTestEnvironment } from "../helpers/sync-test-environment";
import { makeHostUser, makeListing } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { calendarFeeds, hostLinkChecks } from "@/server/db/schema";
import { POST as addFeedRoute } from "@/app/api/listings/[id]/calendar-feeds/route";

const env = setUpSyncTestEnvironment();
const db = () => env.db;

async function hostWithListing() {
  const host = await makeHostUser(db());
  const listing = await makeListing(db(), { ownerId: host.id });
  return { host, listing, cookie: await sessionCookieFor(host) };
}
const add = (listingId: string, cookie: string, url: string) =>
  addFeedRoute(
    apiRequest(`/api/listings/${listingId}/calendar-feeds`, {
      method: "POST",
      cookie,
      body: { provider: "Airbnb", url },
    }),
    routeContext({ id: listingId }),
  );
const feedsOf = (listingId: string) => db().select().from(calendarFeeds).where(eq(calendarFeeds.listingId, listingId));
const requestsFor = (listingId: string) =>
  [...env.feeds.hits.entries()].filter(([path]) => path.includes(listingId)).reduce((sum, [, n]) => sum + n, 0);

describe("what one host may ask of the system", () => {
  it("stores at most 10 feeds on a listing, and refuses the 11th (422) without fetching it", async () => {
    const { listing, cookie } = await hostWithListing();
    for (let i = 0; i < 10; i++)
      expect((await add(listing.id, cookie, `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?n=${i}`)).status).toBe(201);
    const before = requestsFor(listing.id);
    const { status, body } = await readJson(
      await add(listing.id, cookie, `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?n=10`),
    );
    expect(status).toBe(422);
    expect(body.error).toMatchObject({
      code: "LIMIT_REACHED",
      message: expect.stringContaining("10 calendriers"),
      details: { limit: 10 },
    });
    expect(requestsFor(listing.id)).toBe(before);
    expect(await feedsOf(listing.id)).toHaveLength(10);
  });

  it("answers a burst of 60 adds with at most 2 checks at once and never more than 10 feeds: each refusal a 422 or a 429", async () => {
    const { host, listing, cookie } = await hostWithListing();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        add(listing.id, cookie, `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?burst=${i}`),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => [201, 422, 429].includes(status))).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    for (const response of responses.filter((r) => r.status === 429))
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await feedsOf(listing.id)).length).toBeLessThanOrEqual(10);
    // The earlier tests of this file sent one request at a time: the most at once is the burst's.
    expect(env.feeds.concurrency.max).toBeLessThanOrEqual(2);
    // One request per check the database admitted, and no more than the hour's allowance: the refused ones fetched nothing.
    const admitted = await db().select().from(hostLinkChecks).where(eq(hostLinkChecks.hostId, host.id));
    expect(requestsFor(listing.id)).toBe(admitted.length);
    expect(admitted.length).toBeLessThanOrEqual(30);
    expect(admitted.length).toBeGreaterThanOrEqual(statuses.filter((status) => status === 201).length);
  });

  it("refuses a third check while two of the host's are in flight (429, Retry-After)", async () => {
    const { host, cookie } = await hostWithListing();
    const slow = await startDemoFeedServer({ slowMs: 1_500 });
    onTestFinished(() => slow.close());
    const listings = [
      await makeListing(db(), { ownerId: host.id }),
      await makeListing(db(), { ownerId: host.id }),
      await makeListing(db(), { ownerId: host.id }),
    ];
    const [first, second] = [
      add(listings[0]!.id, cookie, `${slow.baseUrl}/slow/${listings[0]!.id}.ics`),
      add(listings[1]!.id, cookie, `${slow.baseUrl}/slow/${listings[1]!.id}.ics`),
    ];
    // Both are admitted before the third asks: the database holds them as in flight until their fetch ends.
    for (;;) {
      const inFlight = await db().select().from(hostLinkChecks).where(eq(hostLinkChecks.hostId, host.id));
      if (inFlight.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const third = await readJson(
      await add(listings[2]!.id, cookie, `${env.feeds.baseUrl}/airbnb/${listings[2]!.id}.ics`),
    );
    expect(third.status).toBe(429);
    expect(third.body.error.message).toContain("vérifications de lien sont déjà en cours");
    expect((await first).status).toBe(201);
    expect((await second).status).toBe(201);
    expect((await add(listings[2]!.id, cookie, `${env.feeds.baseUrl}/airbnb/${listings[2]!.id}.ics`)).status).toBe(201);
  });

  it("refuses the 31st link saved within the hour, saying when to retry", async () => {
    const { host, listing, cookie } = await hostWithListing();
    const now = Date.now();
    await db()
      .insert(hostLinkChecks)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          hostId: host.id,
          startedAt: new Date(now - 50 * 60_000 + i * 1_000),
          expiresAt: new Date(now - 49 * 60_000),
          finishedAt: new Date(now - 49 * 60_000),
        })),
      );
    const refused = await add(listing.id, cookie, `${env.feeds.baseUrl}/airbnb/${listing.id}.ics?n=31`);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(9 * 60);
    expect(retryAfter).toBeLessThanOrEqual(11 * 60);
    expect((await refused.json()).error.message).toMatch(/30 liens .* Réessayez dans \d+ min\./);
    expect(requestsFor(listing.id)).toBe(0);
  });
});
