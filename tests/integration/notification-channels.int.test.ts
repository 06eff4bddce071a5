import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import fc from "fast-check";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver";
import {
  auditLogs,
  calendarFeeds,
  emailOutbox,
  notificationChannels,
  notificationDeliveries,
  notificationEvents,
} from "@/server/db/schema";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { openIncident } from "@/server/services/incidents/incidents.service";
import { recordIncidentEvent } from "@/server/services/alerting/alerting.service";
import { recordEvent } from "@/server/services/events/events.service";
import { dismissConflict } from "@/server/services/conflicts/conflicts.service";
import { bookingConflicts } from "@/server/db/schema";
import {
  deliverNotifications,
  fanOutEvents,
  listFailingChannels,
  listLatestDeliveriesByChannel,
  reencryptChannelSecrets,
  type DeliverOptions,
} from "@/server/services/notifications/notifications.service";
import { encryptSecret } from "@/server/crypto/secret-box";
import { systemContext } from "@/server/service-context";
import { getConfig } from "@/server/config";
import { GET as listRoute, POST as createRoute } from "@/app/api/admin/notification-channels/route";
import {
  GET as getRoute,
  PATCH as patchRoute,
  DELETE as deleteRoute,
} from "@/app/api/admin/notification-channels/[id]/route";
import { POST as testRoute } from "@/app/api/admin/notification-channels/[id]/test/route";
import { GET as deliveriesRoute } from "@/app/api/admin/notification-channels/[id]/deliveries/route";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";

let testDb: TestDatabase;
let receiver: WebhookReceiver;
let other: WebhookReceiver;
let adminCookie: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  receiver = await startWebhookReceiver("127.0.0.20");
  other = await startWebhookReceiver("127.0.0.21");
  adminCookie = await sessionCookieFor(await makeUser(testDb.db, "admin"));
});
afterAll(async () => {
  await receiver.close();
  await other.close();
  await testDb.close();
});
afterEach(async () => {
  // Each test starts with no channel and receivers that answer 200.
  await db().delete(notificationChannels);
  for (const server of [receiver, other]) {
    server.requests.length = 0;
    server.answer = () => ({ status: 200 });
  }
});
const db = () => testDb.db;

const options = (workerId = "worker-a", overrides: Partial<DeliverOptions> = {}): DeliverOptions => ({
  workerId,
  supportEmail: "support@test.example",
  appUrl: "http://localhost:3000",
  allowHosts: getConfig().fetch.allowHosts,
  failingAfter: 3,
  timeoutMs: 5_000,
  ...overrides,
});

async function createChannel(body: Record<string, unknown>) {
  const response = await readJson(
    await createRoute(
      apiRequest("/api/admin/notification-channels", { method: "POST", body, cookie: adminCookie }),
      routeContext({}),
    ),
  );
  expect(response.status).toBe(201);
  return response.body.data as { id: string; secret?: string; urlMasked: string };
}

/** An escalated alert on a listing whose feed (of provider key `providerKey`) fails: publishes alert.escalated. */
async function escalate(providerKey = "airbnb") {
  const listing = await makeListing(db(), { title: `Annonce ${Math.random().toString(36).slice(2, 8)}` });
  const feed = await makeFeed(db(), listing.id, { provider: "Airbnb", providerKey });
  await db().update(calendarFeeds).set({ consecutiveFailures: 3 }).where(eq(calendarFeeds.id, feed.id));
  const { alert } = await createCalendarSyncAlert(testDb.ctx, {
    listingId: listing.id,
    errorType: "FEED_NOT_FOUND",
    errorMessage: "HTTP 404 on http://127.0.0.1:9/secret-feed-token.ics",
    feedId: feed.id,
    feedConsecutiveFailures: 3,
    feedLabel: "Airbnb",
    threshold: 3,
  });
  return { listing, alert };
}

/** Runs worker turns until nothing is due (a failing channel's retry is in the future). */
async function drain(workerId = "worker-a", overrides: Partial<DeliverOptions> = {}) {
  let total = 0;
  for (let turn = 0; turn < 20; turn++) {
    // As the worker's channel loop: the recorded events become deliveries first.
    await fanOutEvents(systemContext(db()));
    const result = await deliverNotifications(systemContext(db()), options(workerId, overrides));
    total += result.delivered;
    if (result.delivered + result.failed === 0) break;
  }
  return total;
}

/** Time passes for the retries: every pending delivery is due now. */
const makeRetriesDue = () =>
  db().execute(sql`update notification_deliveries set next_attempt_at = now() where status = 'pending'`);

describe("notification channels API", () => {
  it("lets admins only: anonymous 401, host and support 403, on every route", async () => {
    const channel = await createChannel({
      type: "webhook",
      name: "Ticketing",
      url: receiver.url,
      events: ["alert.escalated"],
    });
    const host = await sessionCookieFor(await makeHostUser(db()));
    const support = await sessionCookieFor(await makeSupportUser(db()));
    const calls = [
      (cookie?: string) => listRoute(apiRequest("/api/admin/notification-channels", { cookie }), routeContext({})),
      (cookie?: string) =>
        createRoute(
          apiRequest("/api/admin/notification-channels", {
            method: "POST",
            cookie,
            body: { type: "slack", name: "x", url: other.url, events: ["digest"] },
          }),
          routeContext({}),
        ),
      (cookie?: string) =>
        getRoute(
          apiRequest(`/api/admin/notification-channels/${channel.id}`, { cookie }),
          routeContext({ id: channel.id }),
        ),
      (cookie?: string) =>
        patchRoute(
          apiRequest(`/api/admin/notification-channels/${channel.id}`, {
            method: "PATCH",
            cookie,
            body: { name: "y" },
          }),
          routeContext({ id: channel.id }),
        ),
      (cookie?: string) =>
        deleteRoute(
          apiRequest(`/api/admin/notification-channels/${channel.id}`, { method: "DELETE", cookie }),
          routeContext({ id: channel.id }),
        ),
      (cookie?: string) =>
        testRoute(
          apiRequest(`/api/admin/notification-channels/${channel.id}/test`, { method: "POST", cookie }),
          routeContext({ id: channel.id }),
        ),
      (cookie?: string) =>
        deliveriesRoute(
          apiRequest(`/api/admin/notification-channels/${channel.id}/deliveries`, { cookie }),
          routeContext({ id: channel.id }),
        ),
    ];
    for (const call of calls) {
      expect((await call()).status).toBe(401);
      expect((await call(host)).status).toBe(403);
      expect((await call(support)).status).toBe(403);
    }
    expect(receiver.requests).toHaveLength(0);
    const [row] = await db().select().from(notificationChannels).where(eq(notificationChannels.id, channel.id));
    expect(row!.name).toBe("Ticketing");
  });

  it("creates a webhook: its secret once, the URL masked, encrypted at rest, audited without URL or secret", async () => {
    const channel = await createChannel({
      type: "webhook",
      name: "Ticketing",
      url: receiver.url,
      events: ["alert.escalated", "alert.resolved"],
      providers: ["Airbnb"],
    });
    expect(channel.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(channel.urlMasked).not.toContain("secret-token-123");
    const list = await readJson(
      await listRoute(apiRequest("/api/admin/notification-channels", { cookie: adminCookie }), routeContext({})),
    );
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: channel.id,
        type: "webhook",
        state: "active",
        providers: ["airbnb"],
        events: ["alert.escalated", "alert.resolved"],
      }),
    ]);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain("secret-token-123");
    expect(text).not.toContain(channel.secret!);
    const [row] = await db().select().from(notificationChannels).where(eq(notificationChannels.id, channel.id));
    expect(row!.urlCiphertext).toMatch(/^v1:/);
    expect(row!.secretCiphertext).toMatch(/^v1:/);
    const audits = await db().select().from(auditLogs).where(eq(auditLogs.entityId, channel.id));
    expect(audits.map((audit) => audit.action)).toEqual(["notification_channel.created"]);
    expect(JSON.stringify(audits)).not.toContain("secret-token-123");
    expect(JSON.stringify(audits)).not.toContain(channel.secret!);
  });

  it("refuses what the SSRF guard refuses with a 422 and its reason, and bad input with a 400; nothing stored", async () => {
    const post = (body: unknown) =>
      createRoute(
        apiRequest("/api/admin/notification-channels", { method: "POST", body, cookie: adminCookie }),
        routeContext({}),
      );
    for (const url of [
      "https://10.0.0.7/hook",
      "http://127.0.0.9:8080/hook",
      "https://169.254.169.254/latest",
      "http://example.com/hook",
      "https://metadata.internal/hook",
    ]) {
      const refused = await readJson(await post({ type: "webhook", name: "x", url, events: ["digest"] }));
      expect(refused.status, url).toBe(422);
      expect(refused.body.error.code).toBe("UNPROCESSABLE");
      expect(refused.body.error.message.length).toBeGreaterThan(10);
    }
    for (const body of [
      { type: "webhook", name: "x", events: ["digest"] },
      { type: "email", name: "x", addresses: ["pas-une-adresse"], events: ["digest"] },
      { type: "slack", name: "x", url: other.url, events: ["nope"] },
      { type: "fax" },
      "[]",
    ]) {
      expect((await post(body)).status).toBe(400);
    }
    expect(await db().select().from(notificationChannels)).toHaveLength(0);
  });

  it("answers 201, 400 or 422 to any URL, name and event list, never a 5xx (property)", async () => {
    const anyUrl = fc.oneof(
      fc.webUrl({ withQueryParameters: true }),
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        "http://127.0.0.1:9/x",
        "https://[::1]/x",
        "https://0x7f000001/",
        "http://127.0.0.20:1/x",
        "https://10.1.2.3/",
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("webhook", "slack", "teams", "email", "sms"),
        anyUrl,
        fc.string({ maxLength: 100 }),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        async (type, url, name, events) => {
          const response = await createRoute(
            apiRequest("/api/admin/notification-channels", {
              method: "POST",
              body: { type, name, url, events: events.length ? events : ["digest"] },
              cookie: adminCookie,
            }),
            routeContext({}),
          );
          expect([201, 400, 422]).toContain(response.status);
          const body = await response.json();
          if (response.status !== 201) expect(body.error.code).toMatch(/^(VALIDATION_FAILED|UNPROCESSABLE)$/);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("edits, disables, rotates the secret (the old one signs for 24 h too), tests, lists attempts and deletes", async () => {
    const channel = await createChannel({
      type: "webhook",
      name: "Ticketing",
      url: receiver.url,
      events: ["alert.escalated"],
    });
    const rotated = await readJson(
      await patchRoute(
        apiRequest(`/api/admin/notification-channels/${channel.id}`, {
          method: "PATCH",
          body: { rotateSecret: true },
          cookie: adminCookie,
        }),
        routeContext({ id: channel.id }),
      ),
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(channel.secret);
    expect(rotated.body.data.previousSecretUntil).not.toBeNull();
    const tested = await readJson(
      await testRoute(
        apiRequest(`/api/admin/notification-channels/${channel.id}/test`, { method: "POST", cookie: adminCookie }),
        routeContext({ id: channel.id }),
      ),
    );
    expect(tested.body.data).toMatchObject({ delivered: true, statusCode: 200, error: null });
    const [request] = receiver.requests;
    // Both secrets verify the test: receivers holding either keep working through the rotation.
    for (const secret of [channel.secret!, rotated.body.data.secret])
      expect(new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).toMatchObject({
        type: "test",
      });
    expect(String(request!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    const log = await readJson(
      await deliveriesRoute(
        apiRequest(`/api/admin/notification-channels/${channel.id}/deliveries`, { cookie: adminCookie }),
        routeContext({ id: channel.id }),
      ),
    );
    expect(log.body.data).toEqual([
      expect.objectContaining({ eventType: "test", statusCode: 200, deliveryStatus: "delivered", error: null }),
    ]);
    const disabled = await readJson(
      await patchRoute(
        apiRequest(`/api/admin/notification-channels/${channel.id}`, {
          method: "PATCH",
          body: { enabled: false },
          cookie: adminCookie,
        }),
        routeContext({ id: channel.id }),
      ),
    );
    expect(disabled.body.data).toMatchObject({ state: "disabled", disabledReason: "admin" });
    const wrong = await readJson(
      await patchRoute(
        apiRequest(`/api/admin/notification-channels/${channel.id}`, {
          method: "PATCH",
          body: { addresses: ["a@b.example"] },
          cookie: adminCookie,
        }),
        routeContext({ id: channel.id }),
      ),
    );
    expect(wrong.status).toBe(422);
    const empty = await readJson(
      await patchRoute(
        apiRequest(`/api/admin/notification-channels/${channel.id}`, {
          method: "PATCH",
          body: {},
          cookie: adminCookie,
        }),
        routeContext({ id: channel.id }),
      ),
    );
    expect(empty.status).toBe(400);
    expect(
      (
        await deleteRoute(
          apiRequest(`/api/admin/notification-channels/${channel.id}`, { method: "DELETE", cookie: adminCookie }),
          routeContext({ id: channel.id }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await getRoute(
          apiRequest(`/api/admin/notification-channels/${channel.id}`, { cookie: adminCookie }),
          routeContext({ id: channel.id }),
        )
      ).status,
    ).toBe(404);
    const actions = (await db().select().from(auditLogs).where(eq(auditLogs.entityId, channel.id)))
      .map((audit) => audit.action)
      .sort();
    expect(actions).toEqual([
      "notification_channel.created",
      "notification_channel.deleted",
      "notification_channel.disabled",
      "notification_channel.secret_rotated",
      "notification_channel.tested",
    ]);
  });
});

describe("the API description", () => {
  it("serves OpenAPI 3.1 at /api/openapi.json to support and admins (anonymous 401, hosts 403)", async () => {
    expect((await openApiRoute(apiRequest("/api/openapi.json"), routeContext({}))).status).toBe(401);
    const host = await sessionCookieFor(await makeHostUser(db()));
    expect((await openApiRoute(apiRequest("/api/openapi.json", { cookie: host }), routeContext({}))).status).toBe(403);
    const support = await sessionCookieFor(await makeSupportUser(db()));
    const answer = await readJson(
      await openApiRoute(apiRequest("/api/openapi.json", { cookie: support }), routeContext({})),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe("3.1.0");
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/admin/notification-channels",
        "/api/admin/alerts/calendar-sync",
        "/api/admin/incidents",
        "/api/admin/booking-conflicts",
        "/api/listings/{id}/calendar-feeds",
      ]),
    );
  });
});

describe("delivery", () => {
  it("signs alert.escalated by the Standard Webhooks specification, with masked facts only", async () => {
    const channel = await createChannel({
      type: "webhook",
      name: "Ticketing",
      url: receiver.url,
      events: ["alert.escalated"],
    });
    const { alert, listing } = await escalate();
    expect(await drain()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const payload = new Webhook(channel.secret!).verify(request!.body, request!.headers as Record<string, string>) as {
      type: string;
      timestamp: string;
      data: { alert: Record<string, unknown> };
    };
    expect(payload.type).toBe("alert.escalated");
    expect(payload.data.alert).toMatchObject({
      id: alert.id,
      listing: { id: listing.id, title: listing.title },
      errorType: "FEED_NOT_FOUND",
      failedAttempts: expect.any(Number),
    });
    expect(request!.body).not.toContain("secret-feed-token");
    const [event] = await db().select().from(notificationEvents).where(eq(notificationEvents.type, "alert.escalated"));
    expect(request!.headers["webhook-id"]).toBe(event!.id);
    // A tampered body does not verify.
    expect(() =>
      new Webhook(channel.secret!).verify(
        request!.body.replace("FEED_NOT_FOUND", "TIMEOUT"),
        request!.headers as Record<string, string>,
      ),
    ).toThrow();
    await drain();
    expect(receiver.requests).toHaveLength(1);
  });

  it("a receiver down then up gets each event once, in order, honouring Retry-After", async () => {
    await createChannel({ type: "webhook", name: "Ticketing", url: receiver.url, events: ["alert.escalated"] });
    receiver.answer = ({ index }) => (index < 2 ? { status: 503, headers: { "retry-after": "120" } } : { status: 200 });
    const alerts = [];
    for (let index = 0; index < 3; index++) alerts.push((await escalate()).alert.id);
    await drain();
    // The first event failed; the two after it wait their turn.
    expect(receiver.requests.map((request) => request.status)).toEqual([503]);
    const [retry] = await db()
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.status, "pending"))
      .orderBy(notificationDeliveries.eventSeq)
      .limit(1);
    expect(retry!.attempts).toBe(1);
    expect(retry!.lastStatusCode).toBe(503);
    const wait = (retry!.nextAttemptAt.getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(100);
    expect(wait).toBeLessThanOrEqual(121);
    for (let round = 0; round < 3; round++) {
      await makeRetriesDue();
      await drain();
    }
    const delivered = receiver.requests
      .filter((request) => request.status === 200)
      .map((request) => JSON.parse(request.body).data.alert.id);
    expect(delivered).toEqual(alerts);
    const ids = receiver.requests
      .filter((request) => request.status === 200)
      .map((request) => request.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(3);
    // The retried event kept its webhook-id.
    expect(receiver.requests[0]!.headers["webhook-id"]).toBe(ids[0]);
  });

  it("a 410 disables the channel; failing N times in a row marks it failing and e-mails support once", async () => {
    const gone = await createChannel({ type: "slack", name: "Slack", url: other.url, events: ["alert.escalated"] });
    other.answer = () => ({ status: 410 });
    const failing = await createChannel({
      type: "teams",
      name: "Teams",
      url: receiver.url,
      events: ["alert.escalated"],
    });
    receiver.answer = () => ({ status: 500 });
    await escalate();
    for (let round = 0; round < 5; round++) {
      await drain("worker-a", { failingAfter: 3 });
      await makeRetriesDue();
    }
    const rows = await db().select().from(notificationChannels);
    const goneRow = rows.find((row) => row.id === gone.id)!;
    expect(goneRow.disabledAt).not.toBeNull();
    expect(goneRow.disabledReason).toBe("gone");
    expect(other.requests).toHaveLength(1);
    const failingRow = rows.find((row) => row.id === failing.id)!;
    expect(failingRow.failingSince).not.toBeNull();
    expect(failingRow.consecutiveFailures).toBe(5);
    const notices = await db()
      .select()
      .from(emailOutbox)
      .where(like(emailOutbox.dedupeKey, `notification-channel-failing:${failing.id}:%`));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.recipient).toBe("support@test.example");
    expect(notices[0]!.textBody).not.toContain("secret-token-123");
    const list = await readJson(
      await listRoute(apiRequest("/api/admin/notification-channels", { cookie: adminCookie }), routeContext({})),
    );
    expect(list.body.data.find((row: { id: string }) => row.id === failing.id).state).toBe("failing");
    // The dashboard's banner: for admins only.
    const admin = { db: db(), actor: { id: "x", role: "admin" as const, name: "A", email: "a@test.example" } };
    expect((await listFailingChannels(admin)).map((channel) => channel.name)).toEqual(["Teams"]);
    expect(await listFailingChannels({ db: db(), actor: { ...admin.actor, role: "support" as const } })).toEqual([]);
    // Back up: the next success clears it.
    receiver.answer = () => ({ status: 200 });
    await makeRetriesDue();
    await drain();
    const [recovered] = await db().select().from(notificationChannels).where(eq(notificationChannels.id, failing.id));
    expect(recovered!.failingSince).toBeNull();
    expect(receiver.requests.at(-1)!.status).toBe(200);
    expect(JSON.parse(receiver.requests.at(-1)!.body)).toMatchObject({
      type: "message",
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive" }],
    });
  });

  it("abandons a delivery still failing a day after it was queued, and the next event goes", async () => {
    await createChannel({ type: "webhook", name: "A", url: receiver.url, events: ["alert.escalated"] });
    receiver.answer = ({ index }) => (index === 0 ? { status: 500 } : { status: 200 });
    const first = await escalate();
    const second = await escalate();
    await fanOutEvents(systemContext(db()));
    await db().execute(sql`update notification_deliveries set created_at = now() - interval '25 hours'`);
    await drain();
    await drain();
    const states = await db().select().from(notificationDeliveries).orderBy(notificationDeliveries.eventSeq);
    expect(states.map((delivery) => delivery.status)).toEqual(["abandoned", "delivered"]);
    expect(receiver.requests.map((request) => [request.status, JSON.parse(request.body).data.alert.id])).toEqual([
      [500, first.alert.id],
      [200, second.alert.id],
    ]);
    const log = await readJson(
      await deliveriesRoute(
        apiRequest(`/api/admin/notification-channels/${states[0]!.channelId}/deliveries`, { cookie: adminCookie }),
        routeContext({ id: states[0]!.channelId }),
      ),
    );
    expect(log.body.data.map((attempt: { deliveryStatus: string }) => attempt.deliveryStatus)).toEqual([
      "delivered",
      "abandoned",
    ]);
  });

  it("two workers never send the same delivery twice", async () => {
    await createChannel({ type: "webhook", name: "A", url: receiver.url, events: ["alert.escalated"] });
    await createChannel({ type: "slack", name: "B", url: other.url, events: ["alert.escalated"] });
    for (let index = 0; index < 12; index++) await escalate();
    await Promise.all([drain("worker-a"), drain("worker-b"), drain("worker-c")]);
    await Promise.all([drain("worker-a"), drain("worker-b")]);
    expect(receiver.requests).toHaveLength(12);
    expect(new Set(receiver.requests.map((request) => request.headers["webhook-id"])).size).toBe(12);
    expect(other.requests).toHaveLength(12);
    expect(new Set(other.requests.map((request) => request.body)).size).toBe(12);
    const pending = await db()
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.status, "pending"));
    expect(pending).toHaveLength(0);
    // The channels page reads every channel's latest attempts at once: five each, newest first.
    const latest = await listLatestDeliveriesByChannel(
      { db: db(), actor: { id: "x", role: "admin", name: "A", email: "a@test.example" } },
      { perChannel: 5 },
    );
    expect([...latest.values()].map((attempts) => attempts.length)).toEqual([5, 5]);
    for (const attempts of latest.values())
      expect(attempts.map((attempt) => attempt.at)).toEqual(
        [...attempts.map((attempt) => attempt.at)].sort().reverse(),
      );
  });

  it("a channel for one provider gets only that provider's events", async () => {
    await createChannel({
      type: "webhook",
      name: "Booking only",
      url: receiver.url,
      events: ["alert.escalated", "incident.opened"],
      providers: ["Booking.com"],
    });
    await escalate("Airbnb");
    const booking = await escalate("Booking.com");
    const stats = { feedsFailing: 10, listingsFailing: 10, feedsSynced: 10, errorCounts: {} };
    for (const providerKey of ["Booking.com", "127.0.0.77"]) {
      const { incident } = await openIncident(testDb.ctx, {
        providerKey,
        stats,
        now: new Date(),
        probeIntervalSeconds: 60,
      });
      await recordIncidentEvent(testDb.ctx, { kind: "opened", incident });
    }
    await drain();
    const received = receiver.requests.map((request) => JSON.parse(request.body));
    expect(received.map((payload) => payload.type)).toEqual(["alert.escalated", "incident.opened"]);
    expect(received[0].data.alert.id).toBe(booking.alert.id);
    expect(received[1].data.incident.provider).toBe("Booking.com");
  });

  it("an e-mail channel queues one e-mail per address in the outbox, once", async () => {
    await createChannel({
      type: "email",
      name: "Astreinte",
      addresses: ["oncall@test.example", "lead@test.example"],
      events: ["alert.escalated"],
    });
    const { listing } = await escalate();
    await drain();
    await drain("worker-b");
    const emails = await db().select().from(emailOutbox).where(like(emailOutbox.dedupeKey, "channel-delivery:%"));
    expect(emails.map((email) => email.recipient).sort()).toEqual(["lead@test.example", "oncall@test.example"]);
    expect(emails[0]!.subject).toContain(listing.title);
    expect(emails[0]!.textBody).not.toContain("secret-feed-token");
  });

  it("keys:rotate re-encrypts channel URLs and secrets under the new key", async () => {
    const channel = await createChannel({
      type: "webhook",
      name: "Ticketing",
      url: receiver.url,
      events: ["alert.escalated"],
    });
    const oldKey = Buffer.alloc(32, 7);
    await db()
      .update(notificationChannels)
      .set({
        urlCiphertext: encryptSecret(receiver.url, oldKey),
        secretCiphertext: encryptSecret(channel.secret!, oldKey),
      })
      .where(eq(notificationChannels.id, channel.id));
    const result = await reencryptChannelSecrets(systemContext(db()), {
      key: getConfig().encryptionKey,
      previousKey: oldKey,
    });
    expect(result).toEqual({ reencrypted: 1, unreadable: [] });
    await escalate();
    await drain();
    expect(
      new Webhook(channel.secret!).verify(
        receiver.requests[0]!.body,
        receiver.requests[0]!.headers as Record<string, string>,
      ),
    ).toMatchObject({ type: "alert.escalated" });
  });

  it("tells conflict.detected, then conflict.resolved once when support dismisses it, with the conflict's providers", async () => {
    await createChannel({
      type: "webhook",
      name: "Conflits Airbnb",
      url: receiver.url,
      events: ["conflict.detected", "conflict.resolved"],
      providers: ["airbnb"],
    });
    const listing = await makeListing(db(), { title: "Gîte des Pins" });
    const airbnb = await makeFeed(db(), listing.id, { provider: "Airbnb", providerKey: "Airbnb" });
    const booking = await makeFeed(db(), listing.id, { provider: "Booking.com", providerKey: "Booking.com" });
    const stay = {
      startsAtA: new Date("2027-01-10T15:00:00Z"),
      endsAtA: new Date("2027-01-12T10:00:00Z"),
      startsAtB: new Date("2027-01-11T15:00:00Z"),
      endsAtB: new Date("2027-01-13T10:00:00Z"),
    };
    const [conflict] = await db()
      .insert(bookingConflicts)
      .values({
        listingId: listing.id,
        certainty: "certain",
        feedAId: airbnb.id,
        uidA: "a@x",
        providerA: "Airbnb",
        kindA: "reservation",
        feedBId: booking.id,
        uidB: "b@x",
        providerB: "Booking.com",
        kindB: "reservation",
        ...stay,
        firstNight: "2027-01-11",
        lastNight: "2027-01-11",
        nights: 1,
        detectedAt: new Date(),
      })
      .returning();
    const facts = {
      id: conflict!.id,
      listingTitle: listing.title,
      hostName: "Hôte",
      certainty: "certain" as const,
      firstNight: "2027-01-11",
      lastNight: "2027-01-11",
      nights: 1,
      providers: ["Airbnb", "Booking.com"] as [string, string],
      arrivedAfterHours: null,
    };
    await recordEvent(testDb.ctx, {
      type: "conflict.detected",
      conflict: facts,
      hostEmail: "hote@test.example",
      providers: ["Airbnb", "Booking.com"],
    });
    await fanOutEvents(systemContext(db()));
    await dismissConflict(testDb.as(await makeSupportUser(db())), { conflictId: conflict!.id, reason: "Même séjour" });
    await drain();
    const received = receiver.requests.map((request) => JSON.parse(request.body));
    expect(received.map((payload) => payload.type)).toEqual(["conflict.detected", "conflict.resolved"]);
    expect(received[1].data.conflict).toMatchObject({
      id: conflict!.id,
      how: "dismissed",
      listing: { title: "Gîte des Pins" },
    });
    // No guest and no host's name in what leaves.
    expect(receiver.requests.map((request) => request.body).join()).not.toContain("Hôte");
  });

  it("logs a channel whose URL no key opens as a failed attempt with its cause, and keeps delivering the others", async () => {
    const lost = await createChannel({
      type: "webhook",
      name: "Clé perdue",
      url: receiver.url,
      events: ["alert.escalated"],
    });
    await createChannel({ type: "slack", name: "Slack", url: other.url, events: ["alert.escalated"] });
    await db()
      .update(notificationChannels)
      .set({ urlCiphertext: encryptSecret(receiver.url, Buffer.alloc(32, 9)) })
      .where(eq(notificationChannels.id, lost.id));
    await escalate();
    await drain();
    expect(receiver.requests).toHaveLength(0);
    expect(other.requests).toHaveLength(1);
    const log = await readJson(
      await deliveriesRoute(
        apiRequest(`/api/admin/notification-channels/${lost.id}/deliveries`, { cookie: adminCookie }),
        routeContext({ id: lost.id }),
      ),
    );
    expect(log.body.data).toEqual([
      expect.objectContaining({
        deliveryStatus: "pending",
        statusCode: null,
        error: expect.stringContaining("illisible"),
      }),
    ]);
  });

  it("writes each event once however often its cause is told again", async () => {
    await createChannel({ type: "webhook", name: "A", url: receiver.url, events: ["incident.opened"] });
    const { incident } = await openIncident(testDb.ctx, {
      providerKey: "127.0.0.78",
      stats: { feedsFailing: 1, listingsFailing: 1, feedsSynced: 1, errorCounts: {} },
      now: new Date(),
      probeIntervalSeconds: 60,
    });
    await recordIncidentEvent(testDb.ctx, { kind: "opened", incident });
    await recordIncidentEvent(testDb.ctx, { kind: "opened", incident });
    const events = await db()
      .select()
      .from(notificationEvents)
      .where(
        and(
          eq(notificationEvents.type, "incident.opened"),
          eq(notificationEvents.dedupeKey, `provider-incident-opened:${incident.id}`),
        ),
      );
    expect(events).toHaveLength(1);
    await drain();
    expect(receiver.requests).toHaveLength(1);
  });
});
