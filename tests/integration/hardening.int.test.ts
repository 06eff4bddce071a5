import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { auditLogs, calendarFeeds, loginThrottles, users } from "@/server/db/schema";
import { installDatabase } from "@/server/db/client";
import { connectPostgres } from "@/server/db/connect";
import { createScratchDatabase } from "@/server/db/scratch-database";
import pg from "pg";
import { buildAuthOptions } from "@/server/auth/options";
import { ForbiddenError, UnauthenticatedError } from "@/server/errors";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { countFailuresPerDay, getAlertDetail, listAlerts } from "@/server/services/read-models/read-models.service";
import { listFeedWarnings } from "@/server/services/read-models/read-models.service";
import { authenticateUser, LoginThrottledError } from "@/server/services/users/authenticate-user";
import { createUser } from "@/server/services/users/create-user";
import { disableUserByEmail } from "@/server/services/team/team.service";
import { encodeCursor } from "@/server/services/read-models/alert-cursor";
import { GET as listRoute } from "@/app/api/admin/alerts/calendar-sync/route";
import { GET as detailRoute } from "@/app/api/admin/alerts/[id]/route";
import { PATCH as resolveRoute } from "@/app/api/admin/alerts/[id]/resolve/route";
import { POST as syncRoute } from "@/app/api/admin/calendar-feeds/[feedId]/sync/route";
import { GET as meRoute } from "@/app/api/admin/me/route";
import { DELETE as signOutEverywhereRoute } from "@/app/api/me/sessions/route";
import { decode, encode } from "next-auth/jwt";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { GET as listFeedsRoute, POST as addFeedRoute } from "@/app/api/listings/[id]/calendar-feeds/route";
import { DELETE as removeFeedRoute } from "@/app/api/listings/[id]/calendar-feeds/[feedId]/route";
import { DELETE as clearHoldRoute, GET as listHoldsRoute } from "@/app/api/admin/provider-holds/route";
import { GET as listConflictsRoute } from "@/app/api/admin/booking-conflicts/route";
import { GET as conflictRoute } from "@/app/api/admin/booking-conflicts/[id]/route";
import { PATCH as dismissConflictRoute } from "@/app/api/admin/booking-conflicts/[id]/dismiss/route";
import { PATCH as assigneeRoute } from "@/app/api/admin/alerts/[id]/assignee/route";
import { POST as bulkRoute } from "@/app/api/admin/alerts/bulk/route";
import { GET as exportRoute } from "@/app/api/admin/alerts/calendar-sync/export/route";
import { POST as notesRoute } from "@/app/api/admin/alerts/[id]/notes/route";
import { DELETE as unsnoozeRoute, PUT as snoozeRoute } from "@/app/api/admin/alerts/[id]/snooze/route";
import { GET as listChannelsRoute, POST as createChannelRoute } from "@/app/api/admin/notification-channels/route";
import {
  DELETE as deleteChannelRoute,
  GET as channelRoute,
  PATCH as patchChannelRoute,
} from "@/app/api/admin/notification-channels/[id]/route";
import { POST as testChannelRoute } from "@/app/api/admin/notification-channels/[id]/test/route";
import { GET as channelDeliveriesRoute } from "@/app/api/admin/notification-channels/[id]/deliveries/route";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { GET as listApiKeysRoute, POST as createApiKeyRoute } from "@/app/api/admin/api-keys/route";
import { DELETE as revokeApiKeyRoute } from "@/app/api/admin/api-keys/[id]/route";
import { GET as v1AlertsRoute } from "@/app/api/v1/alerts/route";
import { GET as v1ConflictsRoute } from "@/app/api/v1/booking-conflicts/route";
import { PATCH as v1ResolveRoute } from "@/app/api/v1/alerts/[id]/resolve/route";
import { GET as v1ListingsRoute } from "@/app/api/v1/listings/route";
import {
  GET as v1ListingRoute,
  PUT as v1PutListingRoute,
  DELETE as v1DeleteListingRoute,
} from "@/app/api/v1/listings/[externalId]/route";
import { POST as v1BatchRoute } from "@/app/api/v1/listings/batch/route";
import { POST as v1AddFeedRoute } from "@/app/api/v1/listings/[externalId]/feeds/route";
import { PATCH as v1PatchFeedRoute, DELETE as v1DeleteFeedRoute } from "@/app/api/v1/feeds/[id]/route";
import { POST as v1PauseRoute } from "@/app/api/v1/feeds/[id]/pause/route";
import { POST as v1ResumeRoute } from "@/app/api/v1/feeds/[id]/resume/route";
import { PUT as v1ReservationRoute } from "@/app/api/v1/listings/[externalId]/reservations/[reservationId]/route";
import { POST as v1ReservationBatchRoute } from "@/app/api/v1/reservations/batch/route";
import { POST as v1InviteRoute } from "@/app/api/v1/hosts/[externalId]/invitation/route";
import { POST as adminInviteRoute } from "@/app/api/admin/users/[id]/invitation/route";
import { GET as teamRoute, POST as teamInviteRoute } from "@/app/api/admin/users/route";
import { GET as twoFactorRoute, DELETE as twoFactorOffRoute } from "@/app/api/me/two-factor/route";
import { POST as twoFactorEnrolRoute } from "@/app/api/me/two-factor/enrolment/route";
import { POST as twoFactorConfirmRoute } from "@/app/api/me/two-factor/confirm/route";
import { POST as recoveryCodesRoute } from "@/app/api/me/two-factor/recovery-codes/route";
import { PATCH as localeRoute } from "@/app/api/me/locale/route";
import { PATCH as teamRoleRoute } from "@/app/api/admin/users/[id]/role/route";
import { POST as teamDisableRoute } from "@/app/api/admin/users/[id]/disable/route";
import { POST as teamEnableRoute } from "@/app/api/admin/users/[id]/enable/route";
import { DELETE as teamSessionsRoute } from "@/app/api/admin/users/[id]/sessions/route";
import { DELETE as teamTwoFactorRoute } from "@/app/api/admin/users/[id]/two-factor/route";
import { POST as inspectInvitationRoute } from "@/app/api/invitations/inspect/route";
import { POST as acceptInvitationRoute } from "@/app/api/invitations/accept/route";
import { POST as renewInvitationRoute } from "@/app/api/invitations/renew/route";
import { createApiKey } from "@/server/services/api-keys/api-keys.service";
import { GET as exportLinksRoute } from "@/app/api/listings/[id]/export-links/route";
import { POST as rotateExportLinkRoute } from "@/app/api/listings/[id]/export-links/[linkId]/rotate/route";
import { GET as v1ExportLinksRoute } from "@/app/api/v1/listings/[externalId]/export-links/route";
import { GET as icalRoute } from "@/app/ical/[file]/route";
import { GET as journalRoute } from "@/app/api/admin/audit-log/route";
import { POST as resetRequestRoute } from "@/app/api/password-reset/route";
import { POST as resetInspectRoute } from "@/app/api/password-reset/inspect/route";
import { POST as resetCompleteRoute } from "@/app/api/password-reset/complete/route";
import { GET as journalCsvRoute } from "@/app/api/admin/audit-log/export/route";
import { systemContext } from "@/server/service-context";

let testDb: TestDatabase;
let supportCookie: string;
let hostCookie: string;
let adminCookie: string;
let alertId: string;
let listingId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  supportCookie = await sessionCookieFor(await makeSupportUser(testDb.db));
  adminCookie = await sessionCookieFor(await makeUser(testDb.db, "admin"));
  const host = await makeHostUser(testDb.db);
  hostCookie = await sessionCookieFor(host);
  const listing = await makeListing(testDb.db, { ownerId: host.id });
  listingId = listing.id;
  alertId = (
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404",
      threshold: 3,
    })
  ).alert.id;
});
afterAll(() => testDb.close());
afterEach(() => vi.useRealTimers());

const db = () => testDb.db;
const host = { id: "h", role: "host", name: "Hôte", email: "h@example.com" } as const;

describe("read services check the acting viewer themselves", () => {
  it("refuse a host and a missing viewer, whatever the caller forgot", async () => {
    await expect(listAlerts(testDb.as(host), {})).rejects.toThrowError(ForbiddenError);
    await expect(getAlertDetail(testDb.as(host), alertId)).rejects.toThrowError(ForbiddenError);
    await expect(countFailuresPerDay(testDb.as(host), 30)).rejects.toThrowError(ForbiddenError);
    await expect(listFeedWarnings(testDb.as(host))).rejects.toThrowError(ForbiddenError);
    await expect(listAlerts(testDb.as(null as never), {})).rejects.toThrowError(UnauthenticatedError);
  });
});

describe("sessions follow the account and their own row in the database, at every request", () => {
  const me = async (cookie: string) =>
    (await meRoute(apiRequest("/api/admin/me", { cookie }), routeContext({}))).status;

  it("applies a demotion and a disabled account at the next request, not 12 hours later", async () => {
    const agent = await makeSupportUser(db());
    const cookie = await sessionCookieFor(agent);
    expect(await me(cookie)).toBe(200);
    await db().update(users).set({ role: "host" }).where(eq(users.id, agent.id));
    expect(await me(cookie)).toBe(403);

    const other = await makeSupportUser(db());
    const otherCookie = await sessionCookieFor(other);
    expect(await me(otherCookie)).toBe(200);
    await disableUserByEmail(testDb.ctx, { email: other.email });
    expect(await me(otherCookie)).toBe(401);
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, other.id));
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(["user.disabled", "user.sessions_revoked"]));
  });

  it("refuses a token copied before sign-out: next-auth's signOut event revokes its session", async () => {
    const agent = await makeSupportUser(db());
    const cookie = await sessionCookieFor(agent);
    expect(await me(cookie)).toBe(200);
    const token = await decode({ token: cookie.split("=")[1]!, secret: process.env.NEXTAUTH_SECRET! });
    await buildAuthOptions().events!.signOut!({ token: token!, session: undefined as never });
    expect(await me(cookie)).toBe(401);
  });

  it("« Se déconnecter partout » ends every session of the account and no one else's (DELETE /api/me/sessions: 401 anonymous)", async () => {
    const host = await makeHostUser(db());
    const [laptop, phone] = [await sessionCookieFor(host), await sessionCookieFor(host)];
    const someoneElse = await sessionCookieFor(await makeHostUser(db()));
    const listFeeds = (cookie: string) =>
      listFeedsRoute(apiRequest("/api/listings/x/calendar-feeds", { cookie }), routeContext({ id: "nope" }));
    expect((await listFeeds(phone)).status).toBe(404);
    expect(
      (await signOutEverywhereRoute(apiRequest("/api/me/sessions", { method: "DELETE" }), routeContext({}))).status,
    ).toBe(401);
    const ended = await readJson(
      await signOutEverywhereRoute(
        apiRequest("/api/me/sessions", { method: "DELETE", cookie: laptop }),
        routeContext({}),
      ),
    );
    expect(ended).toMatchObject({ status: 200, body: { data: { sessionsEnded: 2 } } });
    for (const cookie of [laptop, phone]) expect((await listFeeds(cookie)).status).toBe(401);
    expect((await listFeeds(someoneElse)).status).toBe(404);
  });

  it("refuses a token without a session row (issued before sessions were recorded)", async () => {
    const agent = await makeSupportUser(db());
    const token = await encode({
      secret: process.env.NEXTAUTH_SECRET!,
      token: { id: agent.id, role: agent.role, email: agent.email, name: agent.name, sub: agent.id } as never,
    });
    expect(await me(`next-auth.session-token=${token}`)).toBe(401);
  });

  it("refuses to sign in a disabled account, as a wrong password", async () => {
    await createUser(testDb.ctx, { email: "gone@example.com", name: "Gone", role: "support", password: "s3cure-pass" });
    await disableUserByEmail(testDb.ctx, { email: "gone@example.com" });
    expect(await authenticateUser(testDb.ctx, { email: "gone@example.com", password: "s3cure-pass" })).toBeNull();
  });
});

describe("sign-in throttling (LOGIN_MAX_FAILURES=10 in LOGIN_WINDOW_MINUTES=15)", () => {
  const t0 = new Date("2027-03-01T10:00:00Z");
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it("refuses the pair (e-mail, address) after 10 failures until the window ends, even for the right password, and audits it", async () => {
    await createUser(testDb.ctx, {
      email: "target@example.com",
      name: "Target",
      role: "support",
      password: "right-pass-1",
    });
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    for (let i = 0; i < 10; i++)
      expect(
        await authenticateUser(testDb.ctx, {
          email: "target@example.com",
          password: "wrong-pass",
          now: at(i / 10),
          clientAddress: "198.51.100.1",
          wait,
        }),
      ).toBeNull();
    const refusal = authenticateUser(testDb.ctx, {
      email: "target@example.com",
      password: "right-pass-1",
      now: at(2),
      clientAddress: "198.51.100.1",
      wait,
    });
    await expect(refusal).rejects.toThrowError(LoginThrottledError);
    await expect(refusal).rejects.toThrowError(/Réessayez à partir de 11:15/);
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.action, "auth.login_locked"));
    expect(audit.filter((row) => row.entityId === "target@example.com|198.51.100.1")).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, "auth.login_slowed"), eq(auditLogs.entityId, "target@example.com"))),
    ).toHaveLength(1);
    // The window opened at the first failure: 15 minutes later the right password works from there too, and clears the counters.
    expect(
      await authenticateUser(testDb.ctx, {
        email: "target@example.com",
        password: "right-pass-1",
        now: at(15.01),
        clientAddress: "198.51.100.1",
        wait,
      }),
    ).toMatchObject({ email: "target@example.com" });
    expect(await db().select().from(loginThrottles).where(eq(loginThrottles.key, "email:target@example.com"))).toEqual(
      [],
    );
  });

  it("never locks the owner out from an address that has not failed: ten failures from ten addresses only slow the e-mail down, growing, capped", async () => {
    await createUser(testDb.ctx, {
      email: "owner@example.com",
      name: "Owner",
      role: "admin",
      password: "right-pass-1",
    });
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    for (let i = 0; i < 10; i++)
      expect(
        await authenticateUser(testDb.ctx, {
          email: "owner@example.com",
          password: "wrong-pass",
          now: at(i / 10),
          clientAddress: `198.51.100.${20 + i}`,
          wait,
        }),
      ).toBeNull();
    expect(waits).toEqual([]);
    for (let i = 0; i < 6; i++)
      expect(
        await authenticateUser(testDb.ctx, {
          email: "owner@example.com",
          password: "wrong-pass",
          now: at(1),
          clientAddress: `198.51.100.${40 + i}`,
          wait,
        }),
      ).toBeNull();
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(
      await authenticateUser(testDb.ctx, {
        email: "owner@example.com",
        password: "right-pass-1",
        now: at(2),
        clientAddress: "203.0.113.50",
        wait,
      }),
    ).toMatchObject({ email: "owner@example.com" });
    expect(waits.at(-1)).toBe(8_000);
  });

  it("clears the e-mail's counter on success", async () => {
    await createUser(testDb.ctx, {
      email: "typo@example.com",
      name: "Typo",
      role: "support",
      password: "right-pass-1",
    });
    for (let i = 0; i < 9; i++)
      await authenticateUser(testDb.ctx, { email: "typo@example.com", password: "wrong-pass", now: at(i / 10) });
    expect(
      await authenticateUser(testDb.ctx, { email: "typo@example.com", password: "right-pass-1", now: at(1) }),
    ).not.toBeNull();
    for (let i = 0; i < 9; i++)
      expect(
        await authenticateUser(testDb.ctx, { email: "typo@example.com", password: "wrong-pass", now: at(2) }),
      ).toBeNull();
  });

  it("locks a client address that tries many e-mails, and only that address", async () => {
    for (let i = 0; i < 10; i++)
      await authenticateUser(testDb.ctx, {
        email: `spray-${i}@example.com`,
        password: "wrong-pass",
        now: at(0),
        clientAddress: "203.0.113.7",
      });
    await expect(
      authenticateUser(testDb.ctx, {
        email: "spray-x@example.com",
        password: "wrong-pass",
        now: at(1),
        clientAddress: "203.0.113.7",
      }),
    ).rejects.toThrowError(LoginThrottledError);
    expect(
      await authenticateUser(testDb.ctx, {
        email: "spray-x@example.com",
        password: "wrong-pass",
        now: at(1),
        clientAddress: "203.0.113.8",
      }),
    ).toBeNull();
  });

  it("lets no more than 10 attempts of a concurrent burst reach the password check", async () => {
    await createUser(testDb.ctx, {
      email: "burst@example.com",
      name: "Burst",
      role: "support",
      password: "right-pass-1",
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, () =>
        authenticateUser(testDb.ctx, { email: "burst@example.com", password: "wrong-pass", now: at(0) }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === "rejected" && o.reason instanceof LoginThrottledError)).toHaveLength(15);
  });

  it("counts the address next-auth's request carries, and shows the French refusal to the form", async () => {
    const provider = buildAuthOptions().providers[0] as CredentialsConfig & { options: CredentialsConfig };
    const req = { headers: { "x-forwarded-for": "192.0.2.44" } };
    for (let i = 0; i < 10; i++)
      expect(
        await provider.options.authorize({ email: `nobody-${i}@example.com`, password: "x" }, req as never),
      ).toBeNull();
    await expect(
      provider.options.authorize({ email: "someone@example.com", password: "x" }, req as never),
    ).rejects.toThrowError(/Trop de tentatives/);
  });
});

describe("bad input is a 4xx with the error envelope, never a 5xx", () => {
  const list = async (query: string, cookie = supportCookie) =>
    readJson(await listRoute(apiRequest(`/api/admin/alerts/calendar-sync${query}`, { cookie }), routeContext({})));

  it.each([
    ["?q=%00", "NUL in a search"],
    ["?listingId=%00", "NUL in a listing id"],
    ["?from=275760-09-13", "a date past PostgreSQL's range"],
    ["?to=-271821-04-20T00:00:00Z", "a date before it"],
    [
      `?cursor=${encodeCursor({ o: "attempts", a: 2 ** 40, t: "2026-01-01T00:00:00.000Z", id: "abc" })}`,
      "a cursor integer past 32 bits",
    ],
    [
      `?cursor=${encodeCursor({ o: "recent", t: "2026-01-01T00:00:00.000Z", id: "a\u0000b" })}`,
      "a NUL inside a cursor",
    ],
  ])("answers 400 for %s (%s)", async (query) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String) });
  });

  it("answers 400 for a NUL in a path or a body", async () => {
    const detail = await readJson(
      await detailRoute(apiRequest("/api/admin/alerts/%00", { cookie: supportCookie }), routeContext({ id: "\u0000" })),
    );
    expect(detail.status).toBe(400);
    expect(detail.body.error.code).toBe("VALIDATION_FAILED");
    const resolve = await readJson(
      await resolveRoute(
        apiRequest(`/api/admin/alerts/${alertId}/resolve`, {
          method: "PATCH",
          cookie: supportCookie,
          body: '{"note":"a\\u0000b"}',
        }),
        routeContext({ id: alertId }),
      ),
    );
    expect(resolve.status).toBe(400);
    expect(resolve.body.error.message).toMatch(/NUL/);
  });

  it("ignores a malformed cookie next to a valid session instead of failing every route", async () => {
    expect((await list("", `junk=%zz; ${supportCookie}`)).status).toBe(200);
    expect((await list("", "next-auth.session-token=%zz%")).status).toBe(401);
  });

  it("survives arbitrary strings, dates, numbers, cookies and bodies on every route (property)", async () => {
    const anyString = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.constantFrom(
        "\u0000",
        "%00",
        "%E0%A4%A",
        "275760-09-13",
        "-271821-04-20T00:00:00Z",
        "9".repeat(30),
        "NaN",
        "-1",
        "1e309",
      ),
    );
    const anyQuery = fc.dictionary(
      fc.constantFrom(
        "status",
        "q",
        "listingId",
        "errorType",
        "from",
        "to",
        "cursor",
        "limit",
        "sort",
        "view",
        "certainty",
        "assignee",
        "updatedSince",
        "actor",
        "action",
        "entityType",
        "entityId",
        "x",
      ),
      fc.oneof(
        anyString,
        fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid" : d.toISOString())),
        fc.double().map(String),
        fc.bigInt().map(String),
        fc.constantFrom("2027-02-30", "2027-01-10", "0000-01-01", "system", "key:x", "9999-12-31"),
      ),
    );
    const anyJson = fc.oneof(
      fc.json({ maxDepth: 3 }),
      anyString,
      fc
        .record(
          {
            note: anyString,
            provider: anyString,
            url: anyString,
            reason: anyString,
            text: anyString,
            userId: fc.oneof(anyString, fc.constant(null)),
            until: anyString,
            untilChange: fc.oneof(fc.boolean(), anyString),
            action: fc.constantFrom("resolve", "assign", "snooze", "x"),
            ids: fc.array(anyString, { maxLength: 3 }),
            filter: fc.dictionary(fc.constantFrom("status", "q", "assignee", "cursor"), anyString),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
    );
    // What the integration API takes: listings with hosts, reservations, and batches of them, each field anything.
    const anyListing = fc.record(
      {
        externalId: anyString,
        title: anyString,
        city: anyString,
        timeZone: fc.oneof(anyString, fc.constantFrom("Europe/Paris", "UTC", "Mars/Olympus", "+02:00")),
        host: fc.oneof(
          anyString,
          fc.record(
            { externalId: anyString, email: fc.oneof(anyString, fc.emailAddress()), name: anyString },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    const anyReservation = fc.record(
      {
        listingExternalId: anyString,
        reservationId: anyString,
        checkIn: fc.oneof(anyString, fc.constantFrom("2027-01-10", "2027-02-30", "0000-00-00")),
        checkOut: fc.oneof(anyString, fc.constantFrom("2027-01-12", "9999-12-31")),
        status: fc.constantFrom("confirmed", "cancelled", "x"),
        guestName: fc.oneof(anyString, fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    const anyIntegrationJson = fc.oneof(
      anyListing.map((value) => JSON.stringify(value)),
      anyReservation.map((value) => JSON.stringify(value)),
      fc
        .array(fc.oneof(anyListing, anyReservation, fc.json()), { maxLength: 4 })
        .map((items) => JSON.stringify({ items })),
    );
    const anyCookie = fc.oneof(
      fc.constant(supportCookie),
      fc.constant(hostCookie),
      fc
        .string({ unit: fc.constantFrom(..."abc%=;z0_- ".split("")), maxLength: 30 })
        .map((junk) => `${junk}; ${supportCookie}`),
      fc.constant(""),
    );
    const routes: Array<(query: string, id: string, body: string, cookie: string) => Promise<Response>> = [
      (query, _id, _body, cookie) =>
        listRoute(apiRequest(`/api/admin/alerts/calendar-sync?${query}`, { cookie }), routeContext({})),
      (_query, id, _body, cookie) => detailRoute(apiRequest("/api/admin/alerts/x", { cookie }), routeContext({ id })),
      (_query, id, body, cookie) =>
        resolveRoute(
          apiRequest("/api/admin/alerts/x/resolve", { method: "PATCH", cookie, body }),
          routeContext({ id }),
        ),
      (_query, id, _body, cookie) =>
        syncRoute(
          apiRequest("/api/admin/calendar-feeds/x/sync", { method: "POST", cookie }),
          routeContext({ feedId: id }),
        ),
      (_query, id, _body, cookie) =>
        listFeedsRoute(
          apiRequest("/api/listings/x/calendar-feeds", { cookie: cookie === supportCookie ? hostCookie : cookie }),
          routeContext({ id }),
        ),
      (_query, _id, body, cookie) =>
        addFeedRoute(
          apiRequest("/api/listings/x/calendar-feeds", {
            method: "POST",
            cookie: cookie === supportCookie ? hostCookie : cookie,
            body,
          }),
          routeContext({ id: listingId }),
        ),
      (_query, id, _body, cookie) =>
        removeFeedRoute(
          apiRequest("/api/listings/x/calendar-feeds/y", {
            method: "DELETE",
            cookie: hostCookie === cookie ? cookie : hostCookie,
          }),
          routeContext({ id: listingId, feedId: id }),
        ),
      (_query, _id, _body, cookie) => meRoute(apiRequest("/api/admin/me", { cookie }), routeContext({})),
      // What an HTTP header can carry of the generated text (visible ASCII), as a bearer token.
      (_query, _id, _body, cookie) =>
        listHoldsRoute(apiRequest("/api/admin/provider-holds", { cookie }), routeContext({})),
      // Each call signs in afresh: ending every session of the account must not end the other routes' cookies.
      async (_query, _id, _body, cookie) =>
        signOutEverywhereRoute(
          apiRequest("/api/me/sessions", {
            method: "DELETE",
            cookie:
              cookie.includes(supportCookie) || cookie.includes(hostCookie)
                ? cookie.replace(/next-auth\.session-token=[^;]*/, await sessionCookieFor(await makeHostUser(db())))
                : cookie,
          }),
          routeContext({}),
        ),
      (_query, _id, body, cookie) =>
        clearHoldRoute(
          apiRequest("/api/admin/provider-holds", {
            method: "DELETE",
            cookie: cookie === supportCookie ? adminCookie : cookie,
            body,
          }),
          routeContext({}),
        ),
      (query, _id, _body, cookie) =>
        listConflictsRoute(apiRequest(`/api/admin/booking-conflicts?${query}`, { cookie }), routeContext({})),
      (_query, id, _body, cookie) =>
        conflictRoute(apiRequest("/api/admin/booking-conflicts/x", { cookie }), routeContext({ id })),
      (_query, id, body, cookie) =>
        dismissConflictRoute(
          apiRequest("/api/admin/booking-conflicts/x/dismiss", { method: "PATCH", cookie, body }),
          routeContext({ id }),
        ),
      (_query, id, body, cookie) =>
        assigneeRoute(
          apiRequest("/api/admin/alerts/x/assignee", { method: "PATCH", cookie, body }),
          routeContext({ id }),
        ),
      (_query, id, body, cookie) =>
        notesRoute(apiRequest("/api/admin/alerts/x/notes", { method: "POST", cookie, body }), routeContext({ id })),
      (_query, id, body, cookie) =>
        snoozeRoute(apiRequest("/api/admin/alerts/x/snooze", { method: "PUT", cookie, body }), routeContext({ id })),
      async (query, _id, _body, cookie) => {
        const response = await exportRoute(
          apiRequest(`/api/admin/alerts/calendar-sync/export?${query}`, { cookie }),
          routeContext({}),
        );
        // The stream is read to its end: a failure while streaming would otherwise go unseen.
        if (response.status === 200) await response.arrayBuffer();
        return response;
      },
      (_query, _id, body, cookie) =>
        bulkRoute(apiRequest("/api/admin/alerts/bulk", { method: "POST", cookie, body }), routeContext({})),
      (_query, id, _body, cookie) =>
        unsnoozeRoute(apiRequest("/api/admin/alerts/x/snooze", { method: "DELETE", cookie }), routeContext({ id })),
      // The notification channels are the admins': the support session stands in for an admin's.
      (_query, _id, _body, cookie) =>
        listChannelsRoute(
          apiRequest("/api/admin/notification-channels", { cookie: cookie === supportCookie ? adminCookie : cookie }),
          routeContext({}),
        ),
      (_query, _id, body, cookie) =>
        createChannelRoute(
          apiRequest("/api/admin/notification-channels", {
            method: "POST",
            cookie: cookie === supportCookie ? adminCookie : cookie,
            body,
          }),
          routeContext({}),
        ),
      (_query, id, _body, cookie) =>
        channelRoute(
          apiRequest("/api/admin/notification-channels/x", { cookie: cookie === supportCookie ? adminCookie : cookie }),
          routeContext({ id }),
        ),
      (_query, id, body, cookie) =>
        patchChannelRoute(
          apiRequest("/api/admin/notification-channels/x", {
            method: "PATCH",
            cookie: cookie === supportCookie ? adminCookie : cookie,
            body,
          }),
          routeContext({ id }),
        ),
      (_query, id, _body, cookie) =>
        deleteChannelRoute(
          apiRequest("/api/admin/notification-channels/x", {
            method: "DELETE",
            cookie: cookie === supportCookie ? adminCookie : cookie,
          }),
          routeContext({ id }),
        ),
      (_query, id, _body, cookie) =>
        testChannelRoute(
          apiRequest("/api/admin/notification-channels/x/test", {
            method: "POST",
            cookie: cookie === supportCookie ? adminCookie : cookie,
          }),
          routeContext({ id }),
        ),
      (query, _id, _body, cookie) =>
        openApiRoute(apiRequest(`/api/openapi.json?${query}`, { cookie }), routeContext({})),
      (_query, id, _body, cookie) =>
        channelDeliveriesRoute(
          apiRequest("/api/admin/notification-channels/x/deliveries", {
            cookie: cookie === supportCookie ? adminCookie : cookie,
          }),
          routeContext({ id }),
        ),
      (query, _id, body, cookie) =>
        metricsRoute(
          apiRequest(`/api/metrics?${query}`, {
            cookie,
            headers: { authorization: `Bearer ${body.replace(/[^\x21-\x7e]/g, "").slice(0, 80)}` },
          }),
        ),
      (_query, _id, _body, cookie) =>
        listApiKeysRoute(
          apiRequest("/api/admin/api-keys", { cookie: cookie === supportCookie ? adminCookie : cookie }),
          routeContext({}),
        ),
      (_query, _id, body, cookie) =>
        createApiKeyRoute(
          apiRequest("/api/admin/api-keys", {
            method: "POST",
            cookie: cookie === supportCookie ? adminCookie : cookie,
            body,
          }),
          routeContext({}),
        ),
      (_query, id, _body, cookie) =>
        revokeApiKeyRoute(
          apiRequest("/api/admin/api-keys/x", {
            method: "DELETE",
            cookie: cookie === supportCookie ? adminCookie : cookie,
          }),
          routeContext({ id }),
        ),
      // The integration API: a valid key (the support cookie stands for it), or whatever a header can carry of the text.
      (query, _id, body, cookie) =>
        v1AlertsRoute(
          apiRequest(`/api/v1/alerts?${query}`, {
            headers: {
              authorization:
                cookie === supportCookie
                  ? `Bearer ${integrationKey}`
                  : `Bearer ${body.replace(/[^\x21-\x7e]/g, "").slice(0, 80)}`,
            },
          }),
          routeContext({}),
        ),
      (query, _id, body, cookie) =>
        v1ConflictsRoute(
          apiRequest(`/api/v1/booking-conflicts?${query}`, {
            headers: {
              authorization:
                cookie === supportCookie
                  ? `Bearer ${integrationKey}`
                  : `Bearer ${body.replace(/[^\x21-\x7e]/g, "").slice(0, 80)}`,
            },
          }),
          routeContext({}),
        ),
      (_query, id, body, cookie) =>
        v1ResolveRoute(
          apiRequest("/api/v1/alerts/x/resolve", { method: "PATCH", headers: keyHeader(cookie, body), body }),
          routeContext({ id }),
        ),
      (query, _id, body, cookie) =>
        v1ListingsRoute(
          apiRequest(`/api/v1/listings?${query}`, { headers: keyHeader(cookie, body) }),
          routeContext({}),
        ),
      (_query, id, body, cookie) =>
        v1PutListingRoute(
          apiRequest("/api/v1/listings/x", { method: "PUT", headers: keyHeader(cookie, body), body }),
          routeContext({ externalId: id }),
        ),
      (_query, id, body, cookie) =>
        v1ListingRoute(
          apiRequest("/api/v1/listings/x", { headers: keyHeader(cookie, body) }),
          routeContext({ externalId: id }),
        ),
      (_query, id, body, cookie) =>
        v1DeleteListingRoute(
          apiRequest("/api/v1/listings/x", { method: "DELETE", headers: keyHeader(cookie, body) }),
          routeContext({ externalId: id }),
        ),
      (_query, id, body, cookie) =>
        v1BatchRoute(
          apiRequest("/api/v1/listings/batch", { method: "POST", headers: keyHeader(cookie, body), body }),
          routeContext({}),
        ),
      (_query, id, body, cookie) =>
        v1AddFeedRoute(
          apiRequest("/api/v1/listings/x/feeds", { method: "POST", headers: keyHeader(cookie, body), body }),
          routeContext({ externalId: id }),
        ),
      (_query, id, body, cookie) =>
        v1PatchFeedRoute(
          apiRequest("/api/v1/feeds/x", { method: "PATCH", headers: keyHeader(cookie, body), body }),
          routeContext({ id }),
        ),
      (_query, id, body, cookie) =>
        v1DeleteFeedRoute(
          apiRequest("/api/v1/feeds/x", { method: "DELETE", headers: keyHeader(cookie, body) }),
          routeContext({ id }),
        ),
      (_query, id, body, cookie) =>
        v1PauseRoute(
          apiRequest("/api/v1/feeds/x/pause", { method: "POST", headers: keyHeader(cookie, body) }),
          routeContext({ id }),
        ),
      (_query, id, body, cookie) =>
        v1ResumeRoute(
          apiRequest("/api/v1/feeds/x/resume", { method: "POST", headers: keyHeader(cookie, body) }),
          routeContext({ id }),
        ),
      (_query, id, body, cookie) =>
        v1ReservationRoute(
          apiRequest("/api/v1/listings/x/reservations/y", { method: "PUT", headers: keyHeader(cookie, body), body }),
          routeContext({ externalId: id, reservationId: id }),
        ),
      (_query, id, body, cookie) =>
        v1ReservationBatchRoute(
          apiRequest("/api/v1/reservations/batch", { method: "POST", headers: keyHeader(cookie, body), body }),
          routeContext({}),
        ),
      (_query, id, body, cookie) =>
        v1InviteRoute(
          apiRequest("/api/v1/hosts/x/invitation", { method: "POST", headers: keyHeader(cookie, body) }),
          routeContext({ externalId: id }),
        ),
      (_query, id, _body, cookie) =>
        adminInviteRoute(
          apiRequest("/api/admin/users/x/invitation", {
            method: "POST",
            cookie: cookie === supportCookie ? adminCookie : cookie,
          }),
          routeContext({ id }),
        ),
      (_query, _id, body, cookie) =>
        cookie === supportCookie
          ? teamRoute(apiRequest("/api/admin/users", { cookie: adminCookie }), routeContext({}))
          : teamInviteRoute(apiRequest("/api/admin/users", { method: "POST", cookie, body }), routeContext({})),
      (_query, id, body, cookie) =>
        teamRoleRoute(
          apiRequest("/api/admin/users/x/role", {
            method: "PATCH",
            cookie: cookie === supportCookie ? adminCookie : cookie,
            body,
          }),
          routeContext({ id }),
        ),
      (_query, id, _body, cookie) =>
        (cookie === hostCookie ? teamEnableRoute : teamDisableRoute)(
          apiRequest("/api/admin/users/x/disable", {
            method: "POST",
            cookie: cookie === supportCookie || cookie === hostCookie ? adminCookie : cookie,
          }),
          routeContext({ id }),
        ),
      (_query, id, _body, cookie) =>
        (cookie === hostCookie ? teamTwoFactorRoute : teamSessionsRoute)(
          apiRequest("/api/admin/users/x/sessions", {
            method: "DELETE",
            cookie: cookie === supportCookie ? adminCookie : cookie,
          }),
          routeContext({ id }),
        ),
      (_query, _id, body, cookie) =>
        (cookie === hostCookie ? twoFactorRoute : twoFactorOffRoute)(
          cookie === hostCookie
            ? apiRequest("/api/me/two-factor", { cookie })
            : apiRequest("/api/me/two-factor", { method: "DELETE", cookie, body }),
          routeContext({}),
        ),
      (_query, _id, body, cookie) =>
        (cookie === hostCookie ? twoFactorEnrolRoute : twoFactorConfirmRoute)(
          apiRequest("/api/me/two-factor/confirm", { method: "POST", cookie, body }),
          routeContext({}),
        ),
      (_query, _id, body, cookie) =>
        localeRoute(apiRequest("/api/me/locale", { method: "PATCH", cookie, body }), routeContext({})),
      (_query, _id, body, cookie) =>
        recoveryCodesRoute(
          apiRequest("/api/me/two-factor/recovery-codes", { method: "POST", cookie, body }),
          routeContext({}),
        ),
      (_query, id, _body, cookie) =>
        exportLinksRoute(
          apiRequest("/api/listings/x/export-links", { cookie: cookie === supportCookie ? hostCookie : cookie }),
          routeContext({ id: id === alertId ? listingId : id }),
        ),
      (_query, id, _body, cookie) =>
        rotateExportLinkRoute(
          apiRequest("/api/listings/x/export-links/y/rotate", {
            method: "POST",
            cookie: cookie === supportCookie ? hostCookie : cookie,
          }),
          routeContext({ id: listingId, linkId: id }),
        ),
      (_query, id, body, cookie) =>
        v1ExportLinksRoute(
          apiRequest("/api/v1/listings/x/export-links", { headers: keyHeader(cookie, body) }),
          routeContext({ externalId: id }),
        ),
      (query, _id, _body, cookie) =>
        journalRoute(
          apiRequest(`/api/admin/audit-log?${query}`, { cookie: cookie === supportCookie ? adminCookie : cookie }),
          routeContext({}),
        ),
      (query, _id, _body, cookie) =>
        journalCsvRoute(
          apiRequest(`/api/admin/audit-log/export?${query}`, {
            cookie: cookie === supportCookie ? adminCookie : cookie,
          }),
          routeContext({}),
        ),
      // The public calendar: any file name, any validator, any User-Agent.
      (query, id, body, _cookie) =>
        icalRoute(
          apiRequest("/ical/x.ics", {
            headers: {
              "if-none-match": body.replace(/[^\x21-\x7e]/g, "").slice(0, 60),
              "user-agent": query.slice(0, 80),
            },
          }),
          { params: Promise.resolve({ file: `${id}.ics` }) },
        ),
      (_query, _id, body, cookie) =>
        resetRequestRoute(apiRequest("/api/password-reset", { method: "POST", cookie, body })),
      (_query, _id, body, cookie) =>
        resetInspectRoute(apiRequest("/api/password-reset/inspect", { method: "POST", cookie, body })),
      (_query, _id, body, cookie) =>
        resetCompleteRoute(apiRequest("/api/password-reset/complete", { method: "POST", cookie, body })),
      (_query, _id, body, cookie) =>
        inspectInvitationRoute(apiRequest("/api/invitations/inspect", { method: "POST", cookie, body })),
      (_query, _id, body, cookie) =>
        acceptInvitationRoute(apiRequest("/api/invitations/accept", { method: "POST", cookie, body })),
      (_query, _id, body, cookie) =>
        renewInvitationRoute(apiRequest("/api/invitations/renew", { method: "POST", cookie, body })),
    ];
    const keyHeader = (cookie: string, body: string) => ({
      authorization:
        cookie === supportCookie || cookie === hostCookie
          ? `Bearer ${integrationKey}`
          : `Bearer ${body.replace(/[^\x21-\x7e]/g, "").slice(0, 80)}`,
    });
    const integrationKey = (
      await createApiKey(systemContext(db(), "cli"), {
        name: "Propriété",
        scopes: ["alerts:read", "conflicts:read", "alerts:write", "listings:write", "reservations:write"],
      })
    ).key;
    // Every route gets the same number of runs: 1,000 drawn at random over 52 routes left the least drawn one 10 runs
    // (median of 2,000 simulated draws; 4 at worst).
    for (const [index, route] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(
          anyQuery,
          fc.oneof(anyString, fc.constant(alertId)),
          fc.oneof(anyJson, anyIntegrationJson),
          anyCookie,
          async (query, id, body, cookie) => {
            const response = await route(new URLSearchParams(query).toString(), id, body, cookie);
            expect(response.status, `route ${index}`).toBeLessThan(500);
            if (response.status >= 400)
              expect((await response.json()).error).toMatchObject({
                code: expect.any(String),
                message: expect.any(String),
              });
          },
        ),
        { numRuns: 12 },
      );
    }
    // The run exercised the routes signed in to the end: no call ended the sessions the others use.
    expect(
      (await listRoute(apiRequest("/api/admin/alerts/calendar-sync", { cookie: supportCookie }), routeContext({})))
        .status,
    ).toBe(200);
  });
});

describe("a database that cannot be reached", () => {
  it("gives 503 with Retry-After and the envelope, and /api/health says so; 200 with the round trip once it answers", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const cookie = await sessionCookieFor(await makeUser(testDb.db, "support"));
    const unreachable = connectPostgres(`postgres://postgres@127.0.0.1:${port}/none`, 2);
    installDatabase(unreachable);
    try {
      const response = await listRoute(apiRequest("/api/admin/alerts/calendar-sync", { cookie }), routeContext({}));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await response.json()).error.code).toBe("SERVICE_UNAVAILABLE");
      const health = await healthRoute();
      expect(health.status).toBe(503);
      expect(health.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      installDatabase({ db: testDb.db, kind: testDb.kind, close: async () => undefined });
      await unreachable.close();
    }
    const { status, body } = await readJson(await healthRoute());
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ status: "ok", database: { roundTripMs: expect.any(Number) } });
  });
});

describe("a database in an odd state", () => {
  it("answers 503, not 500, while PostgreSQL refuses connections to it (ALTER DATABASE … ALLOW_CONNECTIONS false: SQLSTATE 55000)", async () => {
    const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const scratch = await createScratchDatabase(adminUrl, "csa_refusing");
    const name = new URL(scratch.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    const cookie = await sessionCookieFor(await makeUser(testDb.db, "support"));
    const refusing = connectPostgres(scratch.url, 2);
    installDatabase(refusing);
    try {
      const list = await listRoute(apiRequest("/api/admin/alerts/calendar-sync", { cookie }), routeContext({}));
      expect(list.status).toBe(503);
      expect((await list.json()).error.code).toBe("SERVICE_UNAVAILABLE");
      expect((await healthRoute()).status).toBe(503);
    } finally {
      installDatabase({ db: testDb.db, kind: testDb.kind, close: async () => undefined });
      await refusing.close();
      await admin.end();
      await scratch.drop();
    }
  });
});

describe("feed URLs masked before #8", () => {
  it("are masked again by the migration, and on read", async () => {
    const listing = await makeListing(db());
    const feed = await makeFeed(db(), listing.id, { url: "https://host.example/SECRETTOKEN123ABC/cal.ics?x=1" });
    await db()
      .update(calendarFeeds)
      .set({ urlMasked: "https://host.example/SECRETTOKEN123ABC/…?…" })
      .where(eq(calendarFeeds.id, feed.id));
    const kept = await makeFeed(db(), listing.id, { url: "https://www.airbnb.fr/calendar/ical/1.ics?s=secret" });
    await db().execute(sql.raw(readFileSync(path.resolve("drizzle/0008_remask_feed_urls.sql"), "utf8")));
    const rows = await db()
      .select({ id: calendarFeeds.id, urlMasked: calendarFeeds.urlMasked })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.listingId, listing.id));
    expect(Object.fromEntries(rows.map((row) => [row.id, row.urlMasked]))).toEqual({
      [feed.id]: "https://host.example/…?…",
      [kept.id]: "https://www.airbnb.fr/calendar/…?…",
    });
  });
});
