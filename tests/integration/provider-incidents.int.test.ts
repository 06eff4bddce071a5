import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, like, ne, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeSupportUser } from "../helpers/factories";
import { makeTestFetcher } from "../helpers/fetcher";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { startDemoFeedServer, type DemoFeedServer, type DemoScenario } from "@/demo/demo-feed-server";
import {
  calendarFeeds,
  calendarSyncAlerts,
  emailOutbox,
  providerIncidentEvents,
  providerIncidents,
  providerRetryHints,
} from "@/server/db/schema";
import { connectPostgres } from "@/server/db/connect";
import type { Database } from "@/server/db/database";
import { claimDueFeeds, claimFeed, syncFeed } from "@/server/services/calendar/calendar.service";
import { ProviderDownError } from "@/server/services/calendar/sync/feed-lease";
import { openIncident } from "@/server/services/incidents/incidents.service";
import { providerKeyOf } from "@/server/services/calendar/provider-key";
import { resolveIncidentByHand } from "@/server/services/alerting/alerting.service";
import { runDueProbes } from "@/server/worker/provider-probes";
import { runSyncScheduler } from "@/server/worker/sync-scheduler";
import pino from "pino";
import { GET as listRoute } from "@/app/api/admin/incidents/route";
import { GET as detailRoute } from "@/app/api/admin/incidents/[id]/route";
import { PATCH as resolveRoute } from "@/app/api/admin/incidents/[id]/resolve/route";
import { DELETE as clearHoldRoute, GET as listHoldsRoute } from "@/app/api/admin/provider-holds/route";
import { POST as hostSyncRoute } from "@/app/api/listings/[id]/calendar-feeds/[feedId]/sync/route";
import { POST as supportSyncRoute } from "@/app/api/admin/calendar-feeds/[feedId]/sync/route";
import { auditLogs } from "@/server/db/schema";
import { makeUser } from "../helpers/factories";
import { systemContext } from "@/server/service-context";

// Several "providers": demo feed servers on loopback addresses of their own, one per test.
const HOSTS = Array.from({ length: 20 }, (_, i) => `127.0.0.${20 + i}`);
const fetcher = makeTestFetcher({ allowHosts: ["127.0.0.1", ...HOSTS] });
const logger = pino({ level: "silent" });
let testDb: TestDatabase;
const servers: DemoFeedServer[] = [];
let nextHost = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await fetcher.close();
  await Promise.all(servers.map((server) => server.close()));
  await testDb.close();
});
const db = () => testDb.db;

/** A provider with `count` listings of one feed each, all answering `scenario`. */
async function provider(count: number, scenario: DemoScenario = "airbnb") {
  const host = HOSTS[nextHost++]!;
  const server = await startDemoFeedServer({ host, slowMs: 300 });
  servers.push(server);
  const feeds = [];
  for (let i = 0; i < count; i++) {
    const listing = await makeListing(db());
    feeds.push(
      await makeFeed(db(), listing.id, {
        provider: "Airbnb",
        url: `${server.baseUrl}/${scenario}/${listing.id}.ics?t=secret-${i}`,
      }),
    );
  }
  // The provider's key: its address and port, as the feeds were keyed.
  return { host: providerKeyOf(server.baseUrl), server, feeds };
}

const syncAll = async (feeds: Array<{ id: string }>, database: Database = db()) => {
  for (const feed of feeds) await syncFeed(systemContext(database), { feedId: feed.id, fetcher });
};
const incidentsOf = (host: string) =>
  db().select().from(providerIncidents).where(eq(providerIncidents.providerKey, host));
// The outbox as the worker's next turn leaves it: the recorded events fanned out first.
const emailsOf = async (incidentId: string) => {
  await fanOutEvents(systemContext(db()));
  return db()
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.dedupeKey, `provider-incident-%:${incidentId}`));
};

describe("opening a provider incident (10 feeds and half of those synced, within 15 minutes)", () => {
  it("opens one incident at the 10th failing feed, not at the 9th, with one e-mail", async () => {
    const { host, server, feeds } = await provider(12);
    server.setOutage(true);
    await syncAll(feeds.slice(0, 9));
    expect(await incidentsOf(host)).toEqual([]);
    await syncAll(feeds.slice(9));
    const [incident, ...others] = await incidentsOf(host);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({
      status: "open",
      feedsFailing: 10,
      feedsSynced: 10,
      listingsFailing: 10,
      errorCounts: { REMOTE_SERVER_ERROR: 10 },
    });
    const emails = await emailsOf(incident!.id);
    expect(emails.map((email) => email.dedupeKey)).toEqual([`provider-incident-opened:${incident!.id}`]);
    expect(emails[0]!.subject).toMatch(
      new RegExp(
        `^\\[Incident fournisseur\\] ${host.replace(/\./g, "\\.")} : 10 calendriers en échec depuis \\d\\d:\\d\\d$`,
      ),
    );
    expect(emails[0]!.textBody).not.toContain("secret-");
  });

  it("does not open below half of the provider's feeds synced (10 failing of 25: 40 %)", async () => {
    const { host, server, feeds } = await provider(25);
    await syncAll(feeds.slice(0, 15));
    server.setOutage(true);
    await syncAll(feeds.slice(15));
    expect(await incidentsOf(host)).toEqual([]);
  });

  it("does not count our guard's refusals or the host's bad URL (BLOCKED_ADDRESS)", async () => {
    const { host, feeds } = await provider(10, "redirect-blocked");
    await syncAll(feeds);
    expect(await incidentsOf(host)).toEqual([]);
  });

  it("opens one incident when two workers record failures at once", async () => {
    const { host, server, feeds } = await provider(16);
    server.setOutage(true);
    const second = testDb.url ? connectPostgres(testDb.url, 8) : null;
    try {
      await Promise.all(
        feeds.map((feed, i) =>
          syncFeed(systemContext(i % 2 && second ? second.db : db()), { feedId: feed.id, fetcher }),
        ),
      );
    } finally {
      await second?.close();
    }
    const incidents = await incidentsOf(host);
    expect(incidents).toHaveLength(1);
    expect(await emailsOf(incidents[0]!.id)).toHaveLength(1);
  });
});

describe("no single host opens or holds an incident", () => {
  /** `count` feeds of one new owner on `server`, answering `scenario`. */
  async function oneOwnersFeeds(server: DemoFeedServer, count: number, scenario: DemoScenario) {
    const owner = await makeHostUser(db());
    const feeds = [];
    for (let i = 0; i < count; i++) {
      const listing = await makeListing(db(), { ownerId: owner.id });
      feeds.push(
        await makeFeed(db(), listing.id, { url: `${server.baseUrl}/${scenario}/${listing.id}.ics?t=secret-${i}` }),
      );
    }
    return { owner, feeds };
  }

  it.each(["server-error", "not-found"] as const)(
    "opens nothing when one host's 20 feeds on a shared provider fail (%s)",
    async (scenario) => {
      const { host, server, feeds: others } = await provider(5);
      await syncAll(others);
      const { feeds } = await oneOwnersFeeds(server, 20, scenario);
      await syncAll(feeds);
      await syncAll(feeds);
      expect(await incidentsOf(host)).toEqual([]);
    },
  );

  it("opens when feeds of five owners fail, and not with four owners however many feeds they have", async () => {
    const { host, server } = await provider(0);
    const owners = [];
    for (let i = 0; i < 4; i++) owners.push(await oneOwnersFeeds(server, 5, "airbnb"));
    server.setOutage(true);
    for (const { feeds } of owners) await syncAll(feeds);
    expect(await incidentsOf(host)).toEqual([]);
    const fifth = await oneOwnersFeeds(server, 2, "airbnb");
    await syncAll(fifth.feeds);
    const [incident] = await incidentsOf(host);
    expect(incident).toMatchObject({ status: "open", feedsFailing: 22 });
  });

  it("probes skip a host's broken links, rotate over owners and recover on two owners' successes; a manual close holds a window", async () => {
    const { host, server, feeds } = await provider(10);
    const hostile = await oneOwnersFeeds(server, 5, "not-found");
    await syncAll(hostile.feeds);
    // The host's broken feeds are the most overdue: the probe used to take them first.
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(Date.now() - 86_400_000) })
      .where(
        inArray(
          calendarFeeds.id,
          hostile.feeds.map((feed) => feed.id),
        ),
      );
    server.setOutage(true);
    await syncAll(feeds);
    const [incident] = await incidentsOf(host);
    expect(incident!.status).toBe("open");
    server.setOutage(false);
    const probeNow = () =>
      db()
        .update(providerIncidents)
        .set({ nextProbeAt: new Date(Date.now() - 1_000) })
        .where(eq(providerIncidents.id, incident!.id));
    for (let probe = 0; probe < 3; probe++) {
      await probeNow();
      await runDueProbes({ db: db(), fetcher, workerId: "worker-p", logger, leaseMs: 60_000 });
    }
    const [resolved] = await incidentsOf(host);
    expect(resolved).toMatchObject({ status: "resolved", resolution: "probes" });
    expect(new Set(resolved!.probeSuccessOwnerIds).size).toBeGreaterThanOrEqual(2);
    const hostileHits = hostile.feeds.map((feed) => server.hits.get(`/not-found/${feed.listingId}.ics`) ?? 0);
    expect(hostileHits).toEqual(hostile.feeds.map(() => 1));

    // Failing again at once: a new incident, closed by hand, then the same failures again within the window.
    server.setOutage(true);
    await syncAll(feeds);
    const reopened = (await incidentsOf(host)).find((row) => row.status === "open")!;
    const agent = await makeSupportUser(db());
    await resolveIncidentByHand(
      testDb.as({ id: agent.id, role: "support", name: agent.name, email: agent.email }),
      reopened.id,
    );
    await syncAll(feeds);
    expect((await incidentsOf(host)).filter((row) => row.status === "open")).toEqual([]);
    // A window later, the same evidence may open one again.
    await db()
      .update(providerIncidents)
      .set({ resolvedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(providerIncidents.id, reopened.id));
    await syncAll(feeds);
    expect((await incidentsOf(host)).filter((row) => row.status === "open")).toHaveLength(1);
  });
});

describe("while an incident is open", () => {
  it("holds back the escalations of its listings, then escalates a feed still failing after it and resolves one that recovered", async () => {
    const { host, server, feeds } = await provider(10);
    server.setOutage(true);
    for (let round = 0; round < 3; round++) await syncAll(feeds);
    const [incident] = await incidentsOf(host);
    const listingIds = feeds.map((feed) => feed.listingId);
    const alerts = await db()
      .select()
      .from(calendarSyncAlerts)
      .where(inArray(calendarSyncAlerts.listingId, listingIds));
    expect(alerts).toHaveLength(10);
    expect(
      alerts.every(
        (alert) => alert.status === "active" && alert.failedAttempts === 3 && alert.escalationHeldAt !== null,
      ),
    ).toBe(true);
    await fanOutEvents(systemContext(db()));
    const escalationEmails = await db()
      .select()
      .from(emailOutbox)
      .where(
        inArray(
          emailOutbox.dedupeKey,
          alerts.map((alert) => `calendar-sync-alert-escalated:${alert.id}`),
        ),
      );
    expect(escalationEmails).toEqual([]);

    const agent = await makeSupportUser(db());
    await resolveIncidentByHand(
      testDb.as({ id: agent.id, role: "support", name: agent.name, email: agent.email }),
      incident!.id,
    );
    server.override(feeds[1]!.listingId, "airbnb");
    server.setOutage(false);
    server.override(feeds[0]!.listingId, "server-error");
    await syncFeed(testDb.ctx, { feedId: feeds[0]!.id, fetcher });
    await syncFeed(testDb.ctx, { feedId: feeds[1]!.id, fetcher });
    const [stillFailing] = await db()
      .select()
      .from(calendarSyncAlerts)
      .where(eq(calendarSyncAlerts.listingId, feeds[0]!.listingId));
    expect(stillFailing).toMatchObject({
      status: "escalated",
      escalationReason: "4 échecs consécutifs sur le flux Airbnb",
    });
    await fanOutEvents(systemContext(db()));
    expect(
      await db()
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.dedupeKey, `calendar-sync-alert-escalated:${stillFailing!.id}`)),
    ).toHaveLength(1);
    const [recovered] = await db()
      .select()
      .from(calendarSyncAlerts)
      .where(eq(calendarSyncAlerts.listingId, feeds[1]!.listingId));
    expect(recovered).toMatchObject({ status: "resolved", resolvedAutomatically: true });
    expect((await emailsOf(incident!.id)).map((email) => email.dedupeKey).sort()).toEqual([
      `provider-incident-opened:${incident!.id}`,
      `provider-incident-resolved:${incident!.id}`,
    ]);
  });

  it("fetches none of the provider's feeds but one probe a time, and resolves after 3 successful probes, feeds spread over 5 minutes", async () => {
    const { host, server, feeds } = await provider(10);
    server.setOutage(true);
    await syncAll(feeds);
    const [incident] = await incidentsOf(host);
    const ids = feeds.map((feed) => feed.id);
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(Date.now() - 1_000) })
      .where(inArray(calendarFeeds.id, ids));
    const claimed = await claimDueFeeds(testDb.ctx, { owner: "worker-a", limit: 1_000, leaseMs: 60_000 });
    expect(claimed.filter((feed) => ids.includes(feed.id))).toEqual([]);
    await db()
      .update(calendarFeeds)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(eq(calendarFeeds.leaseOwner, "worker-a"));

    const probeNow = () =>
      db()
        .update(providerIncidents)
        .set({ nextProbeAt: new Date(Date.now() - 1_000) })
        .where(eq(providerIncidents.id, incident!.id));
    const hits = () => [...server.hits.values()].reduce((sum, n) => sum + n, 0);
    const before = hits();
    expect(await runDueProbes({ db: db(), fetcher, workerId: "worker-a", logger, leaseMs: 60_000 })).toBe(0);
    await probeNow();
    expect(await runDueProbes({ db: db(), fetcher, workerId: "worker-a", logger, leaseMs: 60_000 })).toBe(1);
    expect(hits()).toBe(before + 1);

    server.setOutage(false);
    for (let probe = 0; probe < 3; probe++) {
      expect((await incidentsOf(host))[0]!.status).toBe("open");
      await probeNow();
      await runDueProbes({ db: db(), fetcher, workerId: "worker-b", logger, leaseMs: 60_000 });
    }
    const [resolved] = await incidentsOf(host);
    expect(resolved).toMatchObject({ status: "resolved", resolution: "probes", consecutiveProbeSuccesses: 3 });
    const events = await db()
      .select()
      .from(providerIncidentEvents)
      .where(eq(providerIncidentEvents.incidentId, incident!.id))
      .orderBy(providerIncidentEvents.id);
    expect(events.map((event) => event.kind)).toEqual([
      "opened",
      "probe_failed",
      "probe_succeeded",
      "probe_succeeded",
      "probe_succeeded",
      "resolved",
    ]);
    const schedule = await db()
      .select({ nextSyncAt: calendarFeeds.nextSyncAt })
      .from(calendarFeeds)
      .where(inArray(calendarFeeds.id, ids));
    const at = resolved!.resolvedAt!.getTime();
    expect(schedule.every((row) => row.nextSyncAt.getTime() >= at && row.nextSyncAt.getTime() <= at + 5 * 60_000)).toBe(
      true,
    );
    expect(new Set(schedule.map((row) => row.nextSyncAt.getTime())).size).toBeGreaterThan(1);
    expect(await emailsOf(incident!.id)).toHaveLength(2);
  });
});

describe("feeds claimed before the breaker opened", () => {
  it("are given back unfetched by the worker's sync, while a probe or a manual sync still fetches", async () => {
    const { host, server, feeds } = await provider(2);
    const [queued, manual] = feeds;
    expect(await claimFeed(testDb.ctx, { feedId: queued!.id, owner: "worker-q", leaseMs: 60_000 })).toBe(true);
    await openIncident(testDb.ctx, {
      providerKey: host,
      stats: { feedsFailing: 10, listingsFailing: 10, feedsSynced: 10, errorCounts: {} },
      now: new Date(),
      probeIntervalSeconds: 60,
    });
    await expect(
      syncFeed(testDb.ctx, { feedId: queued!.id, fetcher, leaseOwner: "worker-q", respectBreaker: true }),
    ).rejects.toThrowError(ProviderDownError);
    expect([...server.hits.values()].reduce((sum, n) => sum + n, 0)).toBe(0);
    expect((await db().select().from(calendarFeeds).where(eq(calendarFeeds.id, queued!.id)))[0]).toMatchObject({
      leaseOwner: null,
      lastAttemptAt: null,
    });
    expect((await syncFeed(testDb.ctx, { feedId: manual!.id, fetcher })).outcome).toBe("success");
  });
});

describe("fair share per owner", () => {
  it("keeps at most SYNC_MAX_CONCURRENCY_PER_OWNER of one host's fetches in flight, so another host's feeds start beside them", async () => {
    const { server: slowServer } = await provider(0);
    const { server: otherServer, feeds: othersFeeds } = await provider(2, "airbnb");
    const owner = await makeHostUser(db());
    const slowFeeds = [];
    for (let i = 0; i < 6; i++) {
      const listing = await makeListing(db(), { ownerId: owner.id });
      slowFeeds.push(
        await makeFeed(db(), listing.id, { url: `${slowServer.baseUrl}/slow/${listing.id}.ics?t=secret` }),
      );
    }
    const ids = [...slowFeeds, ...othersFeeds].map((feed) => feed.id);
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: sql`now() + interval '1 day'` })
      .where(
        sql`${calendarFeeds.id} not in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    // The host's slow feeds are due first: without the share they would take all four slots.
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(Date.now() - 60_000) })
      .where(
        inArray(
          calendarFeeds.id,
          slowFeeds.map((feed) => feed.id),
        ),
      );
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(Date.now() - 1_000) })
      .where(
        inArray(
          calendarFeeds.id,
          othersFeeds.map((feed) => feed.id),
        ),
      );
    const summary = await runSyncScheduler({
      db: db(),
      fetcher,
      workerId: "fair",
      concurrency: 4,
      perOwnerConcurrency: 2,
      logger,
      signal: new AbortController().signal,
      once: true,
    });
    expect(summary.synced).toBe(8);
    expect(slowServer.concurrency.max).toBe(2);
    expect(otherServer.concurrency.max).toBeGreaterThanOrEqual(1);
  });
});

describe("politeness per provider", () => {
  it("keeps at most PROVIDER_MAX_CONCURRENCY fetches in flight per provider", async () => {
    const { server, feeds } = await provider(6, "slow");
    const ids = feeds.map((feed) => feed.id);
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: sql`now() + interval '1 day'` })
      .where(
        and(
          sql`true`,
          sql`${calendarFeeds.id} not in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        ),
      );
    const summary = await runSyncScheduler({
      db: db(),
      fetcher,
      workerId: "polite",
      concurrency: 8,
      perProviderConcurrency: 2,
      logger,
      signal: new AbortController().signal,
      once: true,
    });
    expect(summary.synced).toBe(6);
    expect(server.concurrency.max).toBe(2);
  });

  it("delays the told owner's other feeds of the provider, not other owners' (503 Retry-After 300)", async () => {
    const { server, feeds: others } = await provider(3, "airbnb");
    const owner = await makeHostUser(db());
    const listing = await makeListing(db(), { ownerId: owner.id });
    const told = await makeFeed(db(), listing.id, { url: `${server.baseUrl}/unavailable/${listing.id}.ics?t=secret` });
    const sameOwner = await makeFeed(db(), (await makeListing(db(), { ownerId: owner.id })).id, {
      url: `${server.baseUrl}/airbnb/x.ics?t=secret`,
    });
    const started = Date.now();
    const result = await syncFeed(testDb.ctx, { feedId: told.id, fetcher });
    expect(result).toMatchObject({ outcome: "failure", errorType: "REMOTE_SERVER_ERROR", run: { httpStatus: 503 } });
    const ids = others.map((feed) => feed.id);
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(started - 1_000) })
      .where(inArray(calendarFeeds.id, [...ids, sameOwner.id]));
    const claimedNow = (
      await claimDueFeeds(testDb.ctx, {
        owner: "worker-r",
        limit: 10_000,
        leaseMs: 60_000,
        now: new Date(started + 1_000),
      })
    ).map((feed) => feed.id);
    expect(claimedNow).not.toContain(sameOwner.id);
    expect(claimedNow.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    const [hint] = await db()
      .select()
      .from(providerRetryHints)
      .where(and(eq(providerRetryHints.providerKey, told.providerKey), eq(providerRetryHints.ownerId, owner.id)));
    expect(hint!.until.getTime()).toBeGreaterThanOrEqual(started + 299_000);
    const claimedLater = await claimDueFeeds(testDb.ctx, {
      owner: "worker-r",
      limit: 10_000,
      leaseMs: 60_000,
      now: new Date(started + 301_000),
    });
    expect(claimedLater.map((feed) => feed.id)).toContain(sameOwner.id);
    await db()
      .update(calendarFeeds)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(eq(calendarFeeds.leaseOwner, "worker-r"));
  });

  it("holds the whole provider only once feeds of PROVIDER_HOLD_MIN_OWNERS (3) owners were told to wait", async () => {
    const { server, feeds: others } = await provider(2, "airbnb");
    const toldFeeds = [];
    for (let i = 0; i < 3; i++) {
      const listing = await makeListing(db());
      toldFeeds.push(
        await makeFeed(db(), listing.id, { url: `${server.baseUrl}/unavailable/${listing.id}.ics?t=secret` }),
      );
    }
    const ids = others.map((feed) => feed.id);
    const dueNow = async () => {
      const now = new Date();
      await db()
        .update(calendarFeeds)
        .set({ nextSyncAt: new Date(now.getTime() - 1_000), leaseOwner: null, leaseUntil: null })
        .where(inArray(calendarFeeds.id, ids));
      const claimed = (await claimDueFeeds(testDb.ctx, { owner: "worker-h", limit: 10_000, leaseMs: 60_000, now })).map(
        (feed) => feed.id,
      );
      await db()
        .update(calendarFeeds)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(eq(calendarFeeds.leaseOwner, "worker-h"));
      return claimed.filter((id) => ids.includes(id));
    };
    await syncFeed(testDb.ctx, { feedId: toldFeeds[0]!.id, fetcher });
    await syncFeed(testDb.ctx, { feedId: toldFeeds[1]!.id, fetcher });
    expect((await dueNow()).sort()).toEqual([...ids].sort());
    await syncFeed(testDb.ctx, { feedId: toldFeeds[2]!.id, fetcher });
    expect(await dueNow()).toEqual([]);
    await db().delete(providerRetryHints).where(eq(providerRetryHints.providerKey, toldFeeds[0]!.providerKey));
  });

  it("believes a Retry-After of ten years for an hour at most (PROVIDER_MAX_RETRY_AFTER_SECONDS)", async () => {
    const { server } = await provider(0);
    const listing = await makeListing(db());
    const told = await makeFeed(db(), listing.id, {
      url: `${server.baseUrl}/retry-after-decade/${listing.id}.ics?t=secret`,
    });
    const before = Date.now();
    await syncFeed(testDb.ctx, { feedId: told.id, fetcher });
    const after = Date.now();
    const [feed] = await db().select().from(calendarFeeds).where(eq(calendarFeeds.id, told.id));
    const [hint] = await db()
      .select()
      .from(providerRetryHints)
      .where(eq(providerRetryHints.providerKey, told.providerKey));
    for (const until of [feed!.nextSyncAt, hint!.until]) {
      expect(until.getTime()).toBeGreaterThanOrEqual(before + 3_600_000 - 1_000);
      expect(until.getTime()).toBeLessThanOrEqual(after + 3_600_000 + 1_000);
    }
  });
});

describe("provider holds, seen and lifted", () => {
  it("makes the host's « Synchroniser maintenant » wait (429 with Retry-After), lets support override it (audited), lists holds, and lets only an admin lift one", async () => {
    const { server } = await provider(0);
    const owner = await makeHostUser(db());
    const listing = await makeListing(db(), { ownerId: owner.id });
    const told = await makeFeed(db(), listing.id, {
      url: `${server.baseUrl}/retry-after-decade/${listing.id}.ics?t=secret`,
    });
    const other = await makeFeed(db(), (await makeListing(db(), { ownerId: owner.id })).id, {
      url: `${server.baseUrl}/airbnb/y.ics?t=secret`,
    });
    await syncFeed(testDb.ctx, { feedId: told.id, fetcher });
    const hostCookie = await sessionCookieFor(owner);
    const hostSync = await hostSyncRoute(
      apiRequest(`/api/listings/x/calendar-feeds/y/sync`, { method: "POST", cookie: hostCookie }),
      routeContext({ id: other.listingId, feedId: other.id }),
    );
    expect(hostSync.status).toBe(429);
    expect(Number(hostSync.headers.get("retry-after"))).toBeGreaterThan(3_000);
    expect((await hostSync.json()).error.message).toContain("patienter");

    const support = await makeSupportUser(db());
    const supportCookie = await sessionCookieFor(support);
    const adminCookie = await sessionCookieFor(await makeUser(db(), "admin"));
    const overridden = await readJson(
      await supportSyncRoute(
        apiRequest(`/api/admin/calendar-feeds/${other.id}/sync`, { method: "POST", cookie: supportCookie }),
        routeContext({ feedId: other.id }),
      ),
    );
    expect(overridden.status).toBe(200);
    const [audit] = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, other.id), eq(auditLogs.action, "calendar_feed.manual_sync")));
    expect(audit!.data).toMatchObject({ overrodeHoldUntil: expect.any(String) });

    const list = async (cookie?: string) =>
      readJson(await listHoldsRoute(apiRequest("/api/admin/provider-holds", { cookie }), routeContext({})));
    expect((await list()).status).toBe(401);
    expect((await list(hostCookie)).status).toBe(403);
    const listed = await list(supportCookie);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toContainEqual(
      expect.objectContaining({ provider: told.providerKey, owners: 1, providerWide: false }),
    );

    const clear = async (cookie?: string, provider = told.providerKey) =>
      readJson(
        await clearHoldRoute(
          apiRequest("/api/admin/provider-holds", { method: "DELETE", cookie, body: { provider } }),
          routeContext({}),
        ),
      );
    expect((await clear()).status).toBe(401);
    expect((await clear(supportCookie)).status).toBe(403);
    expect((await clear(adminCookie)).body.data).toEqual({ provider: told.providerKey, hintsCleared: 1 });
    expect((await clear(adminCookie)).status).toBe(404);
    const [cleared] = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, told.providerKey), eq(auditLogs.action, "provider_hold.cleared")));
    expect(cleared).toBeDefined();
    const again = await hostSyncRoute(
      apiRequest(`/api/listings/x/calendar-feeds/y/sync`, { method: "POST", cookie: hostCookie }),
      routeContext({ id: other.listingId, feedId: other.id }),
    );
    expect(again.status).not.toBe(500);
    expect((await again.json()).error?.message ?? "").not.toContain("patienter");
  });
});

describe("incident API", () => {
  it("lists, shows and resolves by hand: 404, 409, 401, 403 and cross-site refused", async () => {
    const { host, server, feeds } = await provider(10);
    server.setOutage(true);
    await syncAll(feeds);
    const [incident] = await incidentsOf(host);
    const support = await makeSupportUser(db());
    const cookie = await sessionCookieFor(support);
    const list = await readJson(
      await listRoute(apiRequest("/api/admin/incidents?status=open", { cookie }), routeContext({})),
    );
    expect(list.status).toBe(200);
    expect(list.body.data.map((row: { id: string }) => row.id)).toContain(incident!.id);
    expect(list.body.meta.open).toBeGreaterThanOrEqual(1);
    // The open incident's « now », counted in the list's own statement.
    expect(list.body.data.find((row: { id: string }) => row.id === incident!.id)).toMatchObject({
      now: { feedsFailing: 10, listingsFailing: 10 },
    });
    const all = await readJson(
      await listRoute(apiRequest("/api/admin/incidents?status=all&limit=1", { cookie }), routeContext({})),
    );
    expect(all.body.meta.open).toBe(list.body.meta.open);
    const detail = await readJson(
      await detailRoute(
        apiRequest(`/api/admin/incidents/${incident!.id}`, { cookie }),
        routeContext({ id: incident!.id }),
      ),
    );
    expect(detail.body.data).toMatchObject({
      provider: host,
      status: "open",
      now: { feedsFailing: 10, listingsFailing: 10 },
    });
    expect(detail.body.data.listings).toHaveLength(10);
    expect(JSON.stringify(detail.body)).not.toContain("secret-");

    const resolve = async (id: string, options: { cookie?: string; origin?: string } = {}) =>
      readJson(
        await resolveRoute(
          apiRequest(`/api/admin/incidents/${id}/resolve`, {
            method: "PATCH",
            body: {},
            cookie: options.cookie ?? cookie,
            origin: options.origin,
          }),
          routeContext({ id }),
        ),
      );
    expect((await resolve("missing")).status).toBe(404);
    expect((await resolve(incident!.id, { cookie: "" })).status).toBe(401);
    const { makeHostUser } = await import("../helpers/factories");
    expect((await resolve(incident!.id, { cookie: await sessionCookieFor(await makeHostUser(db())) })).status).toBe(
      403,
    );
    expect((await resolve(incident!.id, { origin: "https://evil.example" })).status).toBe(403);
    const done = await resolve(incident!.id);
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ status: "resolved", resolution: "manual", resolvedBy: { id: support.id } });
    expect((await resolve(incident!.id)).status).toBe(409);
    expect(
      (await listRoute(apiRequest("/api/admin/incidents?status=bogus", { cookie }), routeContext({}))).status,
    ).toBe(400);
    expect(
      await db()
        .select()
        .from(providerIncidents)
        .where(and(eq(providerIncidents.providerKey, host), ne(providerIncidents.status, "resolved"))),
    ).toEqual([]);
  });
});
