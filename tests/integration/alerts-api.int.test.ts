import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeListing, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { GET as listRoute } from "@/app/api/admin/alerts/calendar-sync/route";
import { GET as detailRoute } from "@/app/api/admin/alerts/[id]/route";
import { PATCH as resolveRoute } from "@/app/api/admin/alerts/[id]/resolve/route";

let testDb: TestDatabase;
let supportCookie: string;
let hostCookie: string;
let supportName: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  const support = await makeSupportUser(testDb.db);
  supportName = support.name;
  supportCookie = await sessionCookieFor(support);
  hostCookie = await sessionCookieFor(await makeHostUser(testDb.db));
});
afterAll(() => testDb.close());

const list = async (query = "", cookie = supportCookie) =>
  readJson(await listRoute(apiRequest(`/api/admin/alerts/calendar-sync${query}`, { cookie }), routeContext({})));
const detail = async (id: string, cookie = supportCookie) =>
  readJson(await detailRoute(apiRequest(`/api/admin/alerts/${id}`, { cookie }), routeContext({ id })));
const resolve = async (
  id: string,
  body: unknown = {},
  options: { cookie?: string; origin?: string; headers?: Record<string, string> } = {},
) =>
  readJson(
    await resolveRoute(
      apiRequest(`/api/admin/alerts/${id}/resolve`, {
        method: "PATCH",
        body,
        cookie: options.cookie ?? supportCookie,
        origin: options.origin,
        headers: options.headers,
      }),
      routeContext({ id }),
    ),
  );

async function openAlert(attempts = 1) {
  const listing = await makeListing(testDb.db);
  let id = "";
  for (let i = 0; i < attempts; i++)
    id = (
      await createCalendarSyncAlert(testDb.ctx, {
        listingId: listing.id,
        errorType: "FEED_NOT_FOUND",
        errorMessage: "HTTP 404",
        threshold: 3,
      })
    ).alert.id;
  return { id, listing };
}

describe("GET /api/admin/alerts/calendar-sync", () => {
  it("returns open alerts as AlertDTOs with counts and a cursor", async () => {
    const escalated = await openAlert(3);
    const active = await openAlert(1);
    const { status, body } = await list("?limit=1");
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      id: escalated.id,
      listing: { id: escalated.listing.id, title: escalated.listing.title },
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404",
      failedAttempts: 3,
      status: "escalated",
      resolvedAt: null,
      resolvedBy: null,
      resolvedAutomatically: false,
      resolutionNote: null,
    });
    expect(body.data[0].firstFailedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.meta).toMatchObject({ limit: 1, counts: { escalated: 1, active: 1, resolved: 0 } });
    const next = await list(`?limit=1&cursor=${body.meta.nextCursor}`);
    expect(next.body.data[0].id).toBe(active.id);
  });

  it("gives the dashboard's summary of each alert with view=summary, and refuses an unknown view", async () => {
    const { id } = await openAlert(2);
    const { status, body } = await list("?view=summary&limit=100");
    expect(status).toBe(200);
    const summary = body.data.find((alert: { id: string }) => alert.id === id);
    expect(Object.keys(summary).sort()).toEqual([
      "assignee",
      "errorType",
      "failedAttempts",
      "id",
      "incident",
      "lastFailedAt",
      "listing",
      "snoozedUntil",
      "snoozedUntilChange",
      "staleSince",
      "status",
      "upcomingBookings",
    ]);
    expect(summary).toMatchObject({ failedAttempts: 2, status: "active" });
    expect(body.meta.counts.active).toBeGreaterThanOrEqual(1);
    expect((await list("?view=everything")).status).toBe(400);
  });

  it("filters by status and listing", async () => {
    const { id, listing } = await openAlert(1);
    await resolve(id);
    expect((await list(`?status=resolved&listingId=${listing.id}`)).body.data.map((a: { id: string }) => a.id)).toEqual(
      [id],
    );
    expect((await list(`?listingId=${listing.id}`)).body.data).toEqual([]);
  });

  it("answers 400 with the zod issues for invalid parameters", async () => {
    const { status, body } = await list("?status=bogus&limit=1000");
    expect(status).toBe(400);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details.map((issue: { path: string }) => issue.path).sort()).toEqual(["limit", "status"]);
    expect((await list("?from=not-a-date")).status).toBe(400);
  });

  it("answers 401 without a session and 403 for a host", async () => {
    expect((await list("", "")).status).toBe(401);
    const { status, body } = await list("", hostCookie);
    expect(status).toBe(403);
    expect(body).toEqual({ error: { code: "FORBIDDEN", message: expect.any(String) } });
  });
});

describe("GET /api/admin/alerts/[id]", () => {
  it("returns the alert with its failures", async () => {
    const { id } = await openAlert(2);
    const { status, body } = await detail(id);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id, failedAttempts: 2 });
    expect(body.data.failures).toHaveLength(2);
  });

  it("answers 404 for an unknown alert, 401 and 403 as the other routes", async () => {
    expect((await detail("missing")).status).toBe(404);
    expect((await detail("missing", "")).status).toBe(401);
    expect((await detail("missing", hostCookie)).status).toBe(403);
  });
});

describe("PATCH /api/admin/alerts/[id]/resolve", () => {
  it("resolves with the agent and note, then answers 409 when resolved again", async () => {
    const { id } = await openAlert(3);
    const first = await resolve(id, { note: "Nouveau lien Airbnb saisi" });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      id,
      status: "resolved",
      resolvedBy: { name: supportName },
      resolutionNote: "Nouveau lien Airbnb saisi",
    });
    const second = await resolve(id);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("CONFLICT");
  });

  it("accepts an admin and a same-origin request", async () => {
    const { id } = await openAlert(1);
    const admin = await sessionCookieFor(await makeUser(testDb.db, "admin"));
    expect((await resolve(id, {}, { cookie: admin, origin: "http://localhost:3000" })).status).toBe(200);
  });

  it("answers 404, 400, 401, 403 and refuses a cross-site request", async () => {
    const { id } = await openAlert(1);
    expect((await resolve("missing")).status).toBe(404);
    expect((await resolve(id, { note: "x".repeat(2001) })).status).toBe(400);
    expect((await resolve(id, { unexpected: true })).status).toBe(400);
    expect((await resolve(id, "{not json")).status).toBe(400);
    expect((await resolve(id, {}, { cookie: "" })).status).toBe(401);
    expect((await resolve(id, {}, { cookie: hostCookie })).status).toBe(403);
    const crossSite = await resolve(id, {}, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    // A forwarded host naming the foreign origin proves nothing without TRUST_PROXY.
    const forwarded = await resolve(
      id,
      {},
      { origin: "https://evil.example", headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } },
    );
    expect(forwarded.status).toBe(403);
    expect((await resolve(id, {}, { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await detail(id)).body.data.status).toBe("active");
  });
});
