import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeSupportUser, makeUser } from "../helpers/factories";
import { makeTestFetcher } from "../helpers/fetcher";
import { AIRBNB, calendarOf, startIcsServer, type IcsServer } from "../helpers/ics-server";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import {
  auditLogs,
  bookingConflicts,
  calendarFeeds,
  calendarSyncAlerts,
  emailOutbox,
  listings,
  notificationEvents,
  platformReservations,
  users,
} from "@/server/db/schema";
import { queryRows } from "@/server/db/query-rows";
import { createApiKey } from "@/server/services/api-keys/api-keys.service";
import { systemContext } from "@/server/service-context";
import { claimDueFeeds, syncFeed } from "@/server/services/calendar/calendar.service";
import { createCalendarSyncAlert, confirmBookingConflicts } from "@/server/services/alerting/alerting.service";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { listHostCalendars } from "@/server/services/read-models/read-models.service";
import {
  GET as getListingRoute,
  PUT as putListingRoute,
  DELETE as deleteListingRoute,
} from "@/app/api/v1/listings/[externalId]/route";
import { GET as listListingsRoute } from "@/app/api/v1/listings/route";
import { POST as batchRoute } from "@/app/api/v1/listings/batch/route";
import { POST as addFeedRoute } from "@/app/api/v1/listings/[externalId]/feeds/route";
import { PATCH as patchFeedRoute, DELETE as deleteFeedRoute } from "@/app/api/v1/feeds/[id]/route";
import { POST as pauseRoute } from "@/app/api/v1/feeds/[id]/pause/route";
import { POST as resumeRoute } from "@/app/api/v1/feeds/[id]/resume/route";
import { PATCH as resolveAlertRoute } from "@/app/api/v1/alerts/[id]/resolve/route";
import { PUT as putReservationRoute } from "@/app/api/v1/listings/[externalId]/reservations/[reservationId]/route";
import { POST as reservationBatchRoute } from "@/app/api/v1/reservations/batch/route";

let testDb: TestDatabase;
let server: IcsServer;
let writer: string;
let reader: string;
const fetcher = makeTestFetcher();
beforeAll(async () => {
  testDb = await createTestDatabase();
  server = await startIcsServer();
  const cli = systemContext(testDb.db, "cli");
  writer = (
    await createApiKey(cli, { name: "Plateforme", scopes: ["listings:write", "reservations:write", "alerts:write"] })
  ).key;
  reader = (await createApiKey(cli, { name: "Lecture", scopes: ["alerts:read"] })).key;
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
  await testDb.close();
});
const db = () => testDb.db;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}`;
const body = (
  host: { externalId: string; email?: string; name?: string; locale?: string },
  extra: Record<string, unknown> = {},
) => ({
  title: "Studio Vieux-Port",
  city: "Marseille",
  timeZone: "Europe/Paris",
  host: { email: `${host.externalId.toLowerCase()}@hosts.example`, name: "Nadia Benali", ...host },
  ...extra,
});
const put = async (externalId: string, payload: unknown, key = writer) =>
  readJson(
    await putListingRoute(
      apiRequest(`/api/v1/listings/${externalId}`, { method: "PUT", headers: bearer(key), body: payload }),
      routeContext({ externalId }),
    ),
  );
const get = async (externalId: string) =>
  readJson(
    await getListingRoute(
      apiRequest(`/api/v1/listings/${externalId}`, { headers: bearer(writer) }),
      routeContext({ externalId }),
    ),
  );
const batch = async (items: unknown[] | string) =>
  readJson(
    await batchRoute(
      apiRequest("/api/v1/listings/batch", {
        method: "POST",
        headers: bearer(writer),
        body: typeof items === "string" ? items : { items },
      }),
      routeContext({}),
    ),
  );
const auditCount = async () =>
  Number((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_logs`))[0]!.n);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("a host's language, given with the host", () => {
  it("creates a host in English when the platform says so, in French by default; a later PUT without it keeps it; « de » is a 422", async () => {
    const english = unique("HOST-EN");
    const created = await put(unique("LIST-EN"), body({ externalId: english, locale: "en" }));
    expect(created.status).toBe(201);
    const localeOf = async (externalId: string) =>
      (await db().select({ locale: users.locale }).from(users).where(eq(users.externalId, externalId)))[0]?.locale;
    expect(await localeOf(english)).toBe("en");
    const listing = unique("LIST-EN");
    await put(listing, body({ externalId: english }));
    expect(await localeOf(english)).toBe("en");
    const back = await put(listing, body({ externalId: english, locale: "fr" }));
    expect(back.status).toBe(200);
    expect(await localeOf(english)).toBe("fr");
    const french = unique("HOST-FR");
    await put(unique("LIST-FR"), body({ externalId: french }));
    expect(await localeOf(french)).toBe("fr");
    const refused = await put(unique("LIST-DE"), body({ externalId: unique("HOST-DE"), locale: "de" }));
    expect(refused.status).toBe(422);
  });
});

describe("the integration API: listings and hosts by the platform's ids", () => {
  it("creates with 201, updates with 200, and the same body again writes nothing (no row, no audit entry)", async () => {
    const id = unique("L");
    const host = { externalId: unique("H") };
    const created = await put(id, body(host));
    expect(created).toMatchObject({
      status: 201,
      body: {
        data: {
          externalId: id,
          title: "Studio Vieux-Port",
          archivedAt: null,
          host: { externalId: host.externalId, hasPassword: false },
          feeds: [],
          openAlert: null,
        },
        meta: { result: "created" },
      },
    });
    const [account] = await db().select().from(users).where(eq(users.externalId, host.externalId));
    expect(account).toMatchObject({
      role: "host",
      passwordHash: null,
      email: `${host.externalId.toLowerCase()}@hosts.example`,
    });
    const [row] = await db().select().from(listings).where(eq(listings.externalId, id));
    const audits = await auditCount();
    const again = await put(id, body(host));
    expect(again).toMatchObject({ status: 200, body: { meta: { result: "unchanged" } } });
    expect(await auditCount()).toBe(audits);
    const [same] = await db().select().from(listings).where(eq(listings.externalId, id));
    expect(same!.updatedAt.getTime()).toBe(row!.updatedAt.getTime());
    const updated = await put(id, body(host, { title: "Studio Vieux-Port (rénové)" }));
    expect(updated).toMatchObject({
      status: 200,
      body: { data: { title: "Studio Vieux-Port (rénové)" }, meta: { result: "updated" } },
    });
    const [audit] = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, row!.id), eq(auditLogs.action, "listing.updated")));
    expect(audit).toMatchObject({ actorId: null });
    expect(audit!.apiKeyId).toBeTruthy();
  });

  it("moves a listing to the host whose platform id it now names, and adopts an existing host account by its e-mail", async () => {
    const id = unique("L");
    await put(id, body({ externalId: "H-first" }));
    const moved = await put(id, body({ externalId: "H-second" }));
    expect(moved).toMatchObject({
      status: 200,
      body: { data: { host: { externalId: "H-second" } }, meta: { result: "updated" } },
    });
    const seeded = await makeHostUser(db());
    const adopted = await put(unique("L"), body({ externalId: unique("H"), email: seeded.email.toUpperCase() }));
    expect(adopted.status).toBe(201);
    const [account] = await db().select().from(users).where(eq(users.id, seeded.id));
    expect(account!.externalId).toBe(adopted.body.data.host.externalId);
    expect(account!.passwordHash).not.toBeNull();
  });

  it("answers 422 on an unknown time zone or a malformed e-mail, 409 on a support account's e-mail, 404 on an unknown listing", async () => {
    const zone = await put(unique("L"), body({ externalId: unique("H") }, { timeZone: "Mars/Olympus" }));
    expect(zone).toMatchObject({
      status: 422,
      body: { error: { code: "UNPROCESSABLE", details: [{ path: "timeZone" }] } },
    });
    expect((await put(unique("L"), body({ externalId: unique("H") }, { timeZone: "+02:00" }))).status).toBe(422);
    const email = await put(unique("L"), body({ externalId: unique("H"), email: "not-an-email" }));
    expect(email).toMatchObject({ status: 422, body: { error: { details: [{ path: "host.email" }] } } });
    const support = await makeSupportUser(db());
    const taken = await put(unique("L"), body({ externalId: unique("H"), email: support.email }));
    expect(taken).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    expect((await get("never-sent")).status).toBe(404);
    expect((await put(unique("L"), "{not json")).status).toBe(400);
  });

  it("answers a 4xx, never a 5xx, to a NUL or an odd character in any path id (PostgreSQL refuses NUL in text)", async () => {
    const headers = bearer(writer);
    for (const id of ["\u0000", "a\u0000b", "é", "x".repeat(300)]) {
      const answers = await Promise.all([
        getListingRoute(apiRequest("/api/v1/listings/x", { headers }), routeContext({ externalId: id })),
        putListingRoute(
          apiRequest("/api/v1/listings/x", { method: "PUT", headers, body: body({ externalId: "H-nul" }) }),
          routeContext({ externalId: id }),
        ),
        deleteListingRoute(
          apiRequest("/api/v1/listings/x", { method: "DELETE", headers }),
          routeContext({ externalId: id }),
        ),
        addFeedRoute(
          apiRequest("/api/v1/listings/x/feeds", {
            method: "POST",
            headers,
            body: { provider: "Airbnb", url: "https://example.invalid/x.ics" },
          }),
          routeContext({ externalId: id }),
        ),
        patchFeedRoute(
          apiRequest("/api/v1/feeds/x", { method: "PATCH", headers, body: { provider: "x" } }),
          routeContext({ id }),
        ),
        deleteFeedRoute(apiRequest("/api/v1/feeds/x", { method: "DELETE", headers }), routeContext({ id })),
        pauseRoute(apiRequest("/api/v1/feeds/x/pause", { method: "POST", headers }), routeContext({ id })),
        resumeRoute(apiRequest("/api/v1/feeds/x/resume", { method: "POST", headers }), routeContext({ id })),
        resolveAlertRoute(
          apiRequest("/api/v1/alerts/x/resolve", { method: "PATCH", headers, body: {} }),
          routeContext({ id }),
        ),
        putReservationRoute(
          apiRequest("/api/v1/listings/x/reservations/y", {
            method: "PUT",
            headers,
            body: { checkIn: day(5), checkOut: day(6), status: "confirmed" },
          }),
          routeContext({ externalId: id, reservationId: id }),
        ),
      ]);
      for (const answer of answers) {
        expect(answer.status, id).toBeGreaterThanOrEqual(400);
        expect(answer.status, id).toBeLessThan(500);
      }
    }
  });

  it("every v1 route of the platform answers 401 without a key and 403 naming its scope to a key without it", async () => {
    const calls: Array<[string, (headers: Record<string, string>) => Promise<Response>]> = [
      ["listings:write", (headers) => listListingsRoute(apiRequest("/api/v1/listings", { headers }), routeContext({}))],
      [
        "listings:write",
        (headers) => getListingRoute(apiRequest("/api/v1/listings/L", { headers }), routeContext({ externalId: "L" })),
      ],
      [
        "listings:write",
        (headers) =>
          putListingRoute(
            apiRequest("/api/v1/listings/L", { method: "PUT", headers, body: body({ externalId: "H" }) }),
            routeContext({ externalId: "L" }),
          ),
      ],
      [
        "listings:write",
        (headers) =>
          deleteListingRoute(
            apiRequest("/api/v1/listings/L", { method: "DELETE", headers }),
            routeContext({ externalId: "L" }),
          ),
      ],
      [
        "listings:write",
        (headers) =>
          batchRoute(
            apiRequest("/api/v1/listings/batch", { method: "POST", headers, body: { items: [] } }),
            routeContext({}),
          ),
      ],
      [
        "listings:write",
        (headers) =>
          addFeedRoute(
            apiRequest("/api/v1/listings/L/feeds", {
              method: "POST",
              headers,
              body: { provider: "A", url: "https://x.example/a.ics" },
            }),
            routeContext({ externalId: "L" }),
          ),
      ],
      [
        "listings:write",
        (headers) =>
          patchFeedRoute(
            apiRequest("/api/v1/feeds/f", { method: "PATCH", headers, body: { provider: "A" } }),
            routeContext({ id: "f" }),
          ),
      ],
      [
        "listings:write",
        (headers) =>
          deleteFeedRoute(apiRequest("/api/v1/feeds/f", { method: "DELETE", headers }), routeContext({ id: "f" })),
      ],
      [
        "listings:write",
        (headers) =>
          pauseRoute(apiRequest("/api/v1/feeds/f/pause", { method: "POST", headers }), routeContext({ id: "f" })),
      ],
      [
        "listings:write",
        (headers) =>
          resumeRoute(apiRequest("/api/v1/feeds/f/resume", { method: "POST", headers }), routeContext({ id: "f" })),
      ],
      [
        "alerts:write",
        (headers) =>
          resolveAlertRoute(
            apiRequest("/api/v1/alerts/a/resolve", { method: "PATCH", headers, body: {} }),
            routeContext({ id: "a" }),
          ),
      ],
      [
        "reservations:write",
        (headers) =>
          putReservationRoute(
            apiRequest("/api/v1/listings/L/reservations/R", { method: "PUT", headers, body: {} }),
            routeContext({ externalId: "L", reservationId: "R" }),
          ),
      ],
      [
        "reservations:write",
        (headers) =>
          reservationBatchRoute(
            apiRequest("/api/v1/reservations/batch", { method: "POST", headers, body: { items: [] } }),
            routeContext({}),
          ),
      ],
    ];
    for (const [scope, call] of calls) {
      expect((await call({})).status, scope).toBe(401);
      const denied = await readJson(await call(bearer(reader)));
      expect(denied, scope).toMatchObject({
        status: 403,
        body: { error: { code: "FORBIDDEN", details: { missingScope: scope } } },
      });
    }
  });

  it("refuses without a key (401), with a key lacking the scope (403 naming it), and a browser session (401)", async () => {
    const id = unique("L");
    expect(
      (
        await readJson(
          await putListingRoute(
            apiRequest(`/api/v1/listings/${id}`, { method: "PUT", body: body({ externalId: "H" }) }),
            routeContext({ externalId: id }),
          ),
        )
      ).status,
    ).toBe(401);
    expect(await put(id, body({ externalId: "H" }), reader)).toMatchObject({
      status: 403,
      body: { error: { details: { missingScope: "listings:write" } } },
    });
    const admin = await sessionCookieFor(await makeUser(db(), "admin"));
    expect(
      (await getListingRoute(apiRequest(`/api/v1/listings/${id}`, { cookie: admin }), routeContext({ externalId: id })))
        .status,
    ).toBe(401);
    const reservation = await readJson(
      await putReservationRoute(
        apiRequest(`/api/v1/listings/${id}/reservations/R1`, { method: "PUT", headers: bearer(reader), body: {} }),
        routeContext({ externalId: id, reservationId: "R1" }),
      ),
    );
    expect(reservation).toMatchObject({
      status: 403,
      body: { error: { details: { missingScope: "reservations:write" } } },
    });
  });

  it("takes a batch with each item's result, refuses duplicates item by item, and a batch over 1,000 items or 5 MB with 413", async () => {
    const host = { externalId: unique("H") };
    const [a, b, c] = [unique("L"), unique("L"), unique("L")];
    await put(c, body(host));
    const answer = await batch([
      { ...body(host), externalId: a },
      { ...body(host), externalId: b },
      { ...body(host), externalId: b, title: "Autre" },
      { ...body(host), externalId: c },
      { ...body(host, { timeZone: "Nowhere/City" }), externalId: unique("L") },
      { title: "sans id" },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((item: { result: string }) => item.result)).toEqual([
      "created",
      "error",
      "error",
      "unchanged",
      "error",
      "error",
    ]);
    expect(answer.body.data[1]).toMatchObject({ externalId: b, error: { status: 409, path: "externalId" } });
    expect(answer.body.data[4]).toMatchObject({ error: { status: 422, path: "timeZone" } });
    expect(answer.body.meta.summary).toEqual({ created: 1, updated: 0, unchanged: 1, error: 4 });
    const tooMany = await batch(
      Array.from({ length: 1001 }, (_, index) => ({ ...body(host), externalId: `many-${index}` })),
    );
    expect(tooMany).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
    const huge = await batch(JSON.stringify({ items: [{ title: "x".repeat(5 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
    expect((await db().select().from(listings).where(like(listings.externalId, "many-%"))).length).toBe(0);
    expect((await batch("[1,2]")).status).toBe(400);
  });

  it("pages the listings in the order they changed, from updatedSince, with a cursor", async () => {
    const since = new Date();
    const ids = [unique("P"), unique("P"), unique("P")];
    for (const id of ids) await put(id, body({ externalId: unique("H") }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?updatedSince=${encodeURIComponent(since.toISOString())}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await readJson(
        await listListingsRoute(apiRequest(`/api/v1/listings${query}`, { headers: bearer(writer) }), routeContext({})),
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((listing: { externalId: string }) => listing.externalId));
      cursor = page.body.meta.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const bad = await readJson(
      await listListingsRoute(apiRequest("/api/v1/listings?cursor=abc", { headers: bearer(writer) }), routeContext({})),
    );
    expect(bad.status).toBe(400);
  });
});

describe("the platform's feeds, pause and withdrawal", () => {
  async function listingWithFeed() {
    const id = unique("F");
    await put(id, body({ externalId: unique("H") }));
    const path = `/${id}.ics`;
    server.set(
      path,
      calendarOf(AIRBNB, [{ uid: `${id}@airbnb.com`, from: day(30), to: day(33), summary: "Reserved" }]),
    );
    const added = await readJson(
      await addFeedRoute(
        apiRequest(`/api/v1/listings/${id}/feeds`, {
          method: "POST",
          headers: bearer(writer),
          body: { provider: "Airbnb", url: `${server.baseUrl}${path}?s=secret-token` },
        }),
        routeContext({ externalId: id }),
      ),
    );
    expect(added).toMatchObject({
      status: 201,
      body: { data: { provider: "Airbnb", paused: false }, meta: { linkCheck: { verdict: "works" } } },
    });
    expect(JSON.stringify(added.body)).not.toContain("secret-token");
    return { id, feedId: added.body.data.id as string, path };
  }

  it("adds a feed through the link check (a broken link is refused, nothing stored), renames it, removes it", async () => {
    const { id, feedId } = await listingWithFeed();
    const refused = await readJson(
      await addFeedRoute(
        apiRequest(`/api/v1/listings/${id}/feeds`, {
          method: "POST",
          headers: bearer(writer),
          body: { provider: "Vrbo", url: `${server.baseUrl}/missing.ics` },
        }),
        routeContext({ externalId: id }),
      ),
    );
    expect(refused).toMatchObject({ status: 422, body: { error: { code: "FEED_LINK_REFUSED" } } });
    const renamed = await readJson(
      await patchFeedRoute(
        apiRequest(`/api/v1/feeds/${feedId}`, {
          method: "PATCH",
          headers: bearer(writer),
          body: { provider: "Airbnb (Nadia)" },
        }),
        routeContext({ id: feedId }),
      ),
    );
    expect(renamed).toMatchObject({ status: 200, body: { data: { provider: "Airbnb (Nadia)" } } });
    expect((await get(id)).body.data.feeds).toEqual([expect.objectContaining({ id: feedId, state: "ok" })]);
    expect(
      (
        await deleteFeedRoute(
          apiRequest(`/api/v1/feeds/${feedId}`, { method: "DELETE", headers: bearer(writer) }),
          routeContext({ id: feedId }),
        )
      ).status,
    ).toBe(204);
    expect((await get(id)).body.data.feeds).toEqual([]);
    expect(
      (
        await deleteFeedRoute(
          apiRequest(`/api/v1/feeds/${feedId}`, { method: "DELETE", headers: bearer(writer) }),
          routeContext({ id: feedId }),
        )
      ).status,
    ).toBe(404);
  });

  it("pauses a feed: not claimed, not alerting (its listing's alert closes), « En pause » for the host; resumes it due now", async () => {
    const { id, feedId } = await listingWithFeed();
    const [listing] = await db().select().from(listings).where(eq(listings.externalId, id));
    await db().update(calendarFeeds).set({ consecutiveFailures: 3 }).where(eq(calendarFeeds.id, feedId));
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing!.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404",
      threshold: 3,
    });
    const paused = await readJson(
      await pauseRoute(
        apiRequest(`/api/v1/feeds/${feedId}/pause`, { method: "POST", headers: bearer(writer) }),
        routeContext({ id: feedId }),
      ),
    );
    expect(paused).toMatchObject({ status: 200, body: { data: { paused: true } } });
    const [alert] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing!.id));
    expect(alert).toMatchObject({ status: "resolved", resolutionNote: "calendrier mis en pause par la plateforme" });
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(0) })
      .where(eq(calendarFeeds.id, feedId));
    const claimed = await claimDueFeeds(testDb.ctx, { owner: "test", limit: 10_000, leaseMs: 60_000 });
    expect(claimed.map((feed) => feed.id)).not.toContain(feedId);
    const [owner] = await db().select().from(users).where(eq(users.id, listing!.ownerId));
    const page = await listHostCalendars(
      testDb.as({ id: owner!.id, role: "host", name: owner!.name, email: owner!.email }),
    );
    expect(page.find((entry) => entry.id === listing!.id)!.feeds[0]!.state).toBe("paused");
    const audits = await auditCount();
    expect(
      (
        await pauseRoute(
          apiRequest(`/api/v1/feeds/${feedId}/pause`, { method: "POST", headers: bearer(writer) }),
          routeContext({ id: feedId }),
        )
      ).status,
    ).toBe(200);
    expect(await auditCount()).toBe(audits);
    const resumed = await readJson(
      await resumeRoute(
        apiRequest(`/api/v1/feeds/${feedId}/resume`, { method: "POST", headers: bearer(writer) }),
        routeContext({ id: feedId }),
      ),
    );
    expect(resumed).toMatchObject({ status: 200, body: { data: { paused: false } } });
    expect(new Date(resumed.body.data.nextSyncAt).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("withdraws a listing: feeds stopped, open alert resolved « annonce retirée de la plateforme », off the host's page; a PUT brings it back", async () => {
    const { id, feedId } = await listingWithFeed();
    const [listing] = await db().select().from(listings).where(eq(listings.externalId, id));
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing!.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404",
      threshold: 3,
    });
    const withdrawn = await readJson(
      await deleteListingRoute(
        apiRequest(`/api/v1/listings/${id}`, { method: "DELETE", headers: bearer(writer) }),
        routeContext({ externalId: id }),
      ),
    );
    expect(withdrawn).toMatchObject({
      status: 200,
      body: { meta: { result: "archived" }, data: { feeds: [{ state: "paused" }], openAlert: null } },
    });
    expect(withdrawn.body.data.archivedAt).not.toBeNull();
    const [alert] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing!.id));
    expect(alert).toMatchObject({
      status: "resolved",
      resolutionNote: "annonce retirée de la plateforme",
      resolvedBy: null,
    });
    expect(alert!.resolvedByApiKeyId).toBeTruthy();
    const [owner] = await db().select().from(users).where(eq(users.id, listing!.ownerId));
    const hostView = testDb.as({ id: owner!.id, role: "host", name: owner!.name, email: owner!.email });
    expect((await listHostCalendars(hostView)).map((entry) => entry.id)).not.toContain(listing!.id);
    const feedAdd = await readJson(
      await addFeedRoute(
        apiRequest(`/api/v1/listings/${id}/feeds`, {
          method: "POST",
          headers: bearer(writer),
          body: { provider: "Vrbo", url: `${server.baseUrl}/x.ics` },
        }),
        routeContext({ externalId: id }),
      ),
    );
    expect(feedAdd.status).toBe(409);
    expect(
      (
        await readJson(
          await deleteListingRoute(
            apiRequest(`/api/v1/listings/${id}`, { method: "DELETE", headers: bearer(writer) }),
            routeContext({ externalId: id }),
          ),
        )
      ).body.meta.result,
    ).toBe("unchanged");
    const back = await put(
      id,
      body({ externalId: withdrawn.body.data.host.externalId, email: owner!.email, name: owner!.name }),
    );
    expect(back).toMatchObject({
      status: 200,
      body: { meta: { result: "updated" }, data: { archivedAt: null, feeds: [{ id: feedId, state: "ok" }] } },
    });
    expect((await listHostCalendars(hostView)).map((entry) => entry.id)).toContain(listing!.id);
  });

  it("resolves an alert by key (alerts:write), named « clé API Plateforme », audited under the key", async () => {
    const id = unique("A");
    await put(id, body({ externalId: unique("H") }));
    const [listing] = await db().select().from(listings).where(eq(listings.externalId, id));
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing!.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404",
      threshold: 3,
    });
    const denied = await readJson(
      await resolveAlertRoute(
        apiRequest(`/api/v1/alerts/${alert.id}/resolve`, { method: "PATCH", headers: bearer(reader), body: {} }),
        routeContext({ id: alert.id }),
      ),
    );
    expect(denied).toMatchObject({ status: 403, body: { error: { details: { missingScope: "alerts:write" } } } });
    const resolved = await readJson(
      await resolveAlertRoute(
        apiRequest(`/api/v1/alerts/${alert.id}/resolve`, {
          method: "PATCH",
          headers: bearer(writer),
          body: { note: "Réglé avec l'hôte" },
        }),
        routeContext({ id: alert.id }),
      ),
    );
    expect(resolved).toMatchObject({
      status: 200,
      body: {
        data: { status: "resolved", resolvedBy: { name: "clé API Plateforme" }, resolutionNote: "Réglé avec l'hôte" },
      },
    });
    const [audit] = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, alert.id), eq(auditLogs.action, "calendar_sync_alert.resolved")));
    expect(audit).toMatchObject({ actorId: null });
    expect(audit!.apiKeyId).toBeTruthy();
    expect(
      (
        await resolveAlertRoute(
          apiRequest(`/api/v1/alerts/${alert.id}/resolve`, { method: "PATCH", headers: bearer(writer), body: {} }),
          routeContext({ id: alert.id }),
        )
      ).status,
    ).toBe(409);
  });
});

describe("the platform's own reservations in the double-booking check", () => {
  async function listingWithAirbnb(stays: Array<{ uid: string; from: string; to: string; summary: string }>) {
    const id = unique("R");
    await put(id, body({ externalId: unique("H") }));
    const [listing] = await db().select().from(listings).where(eq(listings.externalId, id));
    const path = `/${id}.ics`;
    server.set(path, calendarOf(AIRBNB, stays));
    const added = await readJson(
      await addFeedRoute(
        apiRequest(`/api/v1/listings/${id}/feeds`, {
          method: "POST",
          headers: bearer(writer),
          body: { provider: "Airbnb", url: `${server.baseUrl}${path}` },
        }),
        routeContext({ externalId: id }),
      ),
    );
    expect(added.status).toBe(201);
    return { id, listing: listing!, feedId: added.body.data.id as string, path };
  }
  const reserve = async (externalId: string, reservationId: string, payload: Record<string, unknown>) =>
    readJson(
      await putReservationRoute(
        apiRequest(`/api/v1/listings/${externalId}/reservations/${reservationId}`, {
          method: "PUT",
          headers: bearer(writer),
          body: payload,
        }),
        routeContext({ externalId, reservationId }),
      ),
    );
  const conflictsOf = (listingId: string) =>
    db().select().from(bookingConflicts).where(eq(bookingConflicts.listingId, listingId));

  it("a platform reservation sharing nights with an Airbnb reservation is certain, told once « Réservé sur la plateforme et sur Airbnb » without the guest's name, and cancelling resolves it", async () => {
    const { id, listing, feedId } = await listingWithAirbnb([
      { uid: "direct@airbnb.com", from: day(40), to: day(43), summary: "Reserved" },
    ]);
    const created = await reserve(id, "BK-1", {
      checkIn: day(41),
      checkOut: day(44),
      status: "confirmed",
      guestName: "Camille Martin",
    });
    expect(created).toMatchObject({ status: 201, body: { meta: { result: "created" } } });
    expect(
      await reserve(id, "BK-1", {
        checkIn: day(41),
        checkOut: day(44),
        status: "confirmed",
        guestName: "Camille Martin",
      }),
    ).toMatchObject({ status: 200, body: { meta: { result: "unchanged" } } });
    const [conflict] = await conflictsOf(listing.id);
    expect(conflict).toMatchObject({ certainty: "certain", status: "open", nights: 2, confirmedAt: null });
    expect([conflict!.providerA, conflict!.providerB].sort()).toEqual(["Airbnb", "la plateforme"]);
    // The second look: the Airbnb feed read again, ten minutes on.
    await syncFeed(testDb.ctx, { feedId, fetcher, now: () => new Date(Date.now() + 60_000) });
    expect(await confirmBookingConflicts(testDb.ctx, { now: new Date(Date.now() + 11 * 60_000) })).toBe(1);
    expect(await confirmBookingConflicts(testDb.ctx, { now: new Date(Date.now() + 12 * 60_000) })).toBe(0);
    await fanOutEvents(systemContext(db()));
    const mails = await db()
      .select()
      .from(emailOutbox)
      .where(like(emailOutbox.dedupeKey, `booking-conflict:${conflict!.id}:%`));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(`${mail.subject}\n${mail.textBody}`).toContain("Réservé sur la plateforme et sur Airbnb");
      expect(JSON.stringify(mail)).not.toContain("Camille");
    }
    const [event] = await db()
      .select()
      .from(notificationEvents)
      .where(eq(notificationEvents.dedupeKey, `booking-conflict:${conflict!.id}`));
    expect(JSON.stringify(event?.data ?? {})).not.toContain("Camille");
    const cancelled = await reservationBatchRoute(
      apiRequest("/api/v1/reservations/batch", {
        method: "POST",
        headers: bearer(writer),
        body: {
          items: [
            { listingExternalId: id, reservationId: "BK-1", checkIn: day(41), checkOut: day(44), status: "cancelled" },
          ],
        },
      }),
      routeContext({}),
    );
    expect((await readJson(cancelled)).body.data[0].result).toBe("updated");
    const [after] = await conflictsOf(listing.id);
    expect(after).toMatchObject({ status: "resolved", resolution: "chevauchement disparu" });
    await fanOutEvents(testDb.ctx);
  });

  it("raises nothing for Airbnb's echo of the platform's own reservation (the same nights closed), and resolves when the feed's stay disappears", async () => {
    const { id, listing, feedId, path } = await listingWithAirbnb([
      { uid: "echo@airbnb.com", from: day(50), to: day(53), summary: "Airbnb (Not available)" },
    ]);
    await reserve(id, "BK-echo", { checkIn: day(50), checkOut: day(53), status: "confirmed" });
    expect(await conflictsOf(listing.id)).toEqual([]);
    server.set(
      path,
      calendarOf(AIRBNB, [{ uid: "later@airbnb.com", from: day(52), to: day(55), summary: "Reserved" }]),
    );
    await syncFeed(testDb.ctx, { feedId, fetcher });
    const [conflict] = await conflictsOf(listing.id);
    expect(conflict).toMatchObject({ certainty: "certain", status: "open" });
    // (An empty calendar keeps its stays until confirmed empty: the stay moves away instead.)
    server.set(
      path,
      calendarOf(AIRBNB, [{ uid: "later@airbnb.com", from: day(80), to: day(83), summary: "Reserved" }]),
    );
    await syncFeed(testDb.ctx, { feedId, fetcher });
    expect((await conflictsOf(listing.id))[0]).toMatchObject({ status: "resolved" });
  });

  it("validates each reservation: dates, order, unknown listing, duplicates in a batch", async () => {
    const { id } = await listingWithAirbnb([]);
    expect((await reserve(id, "BK-x", { checkIn: day(5), checkOut: day(5), status: "confirmed" })).status).toBe(422);
    expect((await reserve(id, "BK-x", { checkIn: "2026-02-30", checkOut: day(5), status: "confirmed" })).status).toBe(
      422,
    );
    expect((await reserve(id, "BK-x", { checkIn: day(5), checkOut: day(6), status: "maybe" })).status).toBe(422);
    expect(
      (await reserve("unknown-listing", "BK-x", { checkIn: day(5), checkOut: day(6), status: "confirmed" })).status,
    ).toBe(422);
    const answer = await readJson(
      await reservationBatchRoute(
        apiRequest("/api/v1/reservations/batch", {
          method: "POST",
          headers: bearer(writer),
          body: {
            items: [
              { listingExternalId: id, reservationId: "D", checkIn: day(5), checkOut: day(6), status: "confirmed" },
              { listingExternalId: id, reservationId: "D", checkIn: day(7), checkOut: day(8), status: "confirmed" },
              42,
            ],
          },
        }),
        routeContext({}),
      ),
    );
    expect(answer.body.data.map((item: { result: string }) => item.result)).toEqual(["error", "error", "error"]);
    expect(await db().select().from(platformReservations).where(eq(platformReservations.externalId, "D"))).toEqual([]);
  });
});
