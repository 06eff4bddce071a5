import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { describe, expect, it } from "vitest";
import pino from "pino";
import { setUpSyncTestEnvironment } from "../helpers/sync-test-environment";
import { makeFeed, makeListing, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, sessionCookieFor } from "../helpers/requests";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { getMetrics, type Metrics } from "@/server/metrics/registry";
import { serveWorkerMetrics } from "@/server/metrics/serve-worker-metrics";
import { runSyncScheduler } from "@/server/worker/sync-scheduler";
import { Counter, Histogram, Registry } from "prom-client";

const env = setUpSyncTestEnvironment({ timeoutMs: 3_000 });
const fetcher = env.fetcher;

const scrape = (headers: Record<string, string> = {}, cookie?: string) =>
  metricsRoute(apiRequest("/api/metrics", { headers, cookie }));
const valueOf = (text: string, series: string) => {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("GET /api/metrics", () => {
  it("refuses a scrape without the token or an admin session, and a wrong token whatever the cookie", async () => {
    expect(await readJson(await scrape())).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    const support = await sessionCookieFor(await makeSupportUser(env.db));
    expect(await readJson(await scrape({}, support))).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN" } },
    });
    const admin = await sessionCookieFor(await makeUser(env.db, "admin"));
    expect((await readJson(await scrape({ authorization: "Bearer wrong" }, admin))).status).toBe(401);
  });

  it("gives the platform's figures from the database in the Prometheus format, to the token and to an admin", async () => {
    const before = await (await scrape({ authorization: "Bearer test-metrics-token" })).text();
    const active = valueOf(before, 'calendar_sync_alerts_open{status="active"}')!;
    const escalated = valueOf(before, 'calendar_sync_alerts_open{status="escalated"}')!;
    for (let i = 0; i < 3; i++)
      await createCalendarSyncAlert(env.ctx, {
        listingId: (await makeListing(env.db)).id,
        errorType: "TIMEOUT",
        errorMessage: "t",
        threshold: 3,
      });
    const listing = await makeListing(env.db);
    for (let i = 0; i < 3; i++)
      await createCalendarSyncAlert(env.ctx, {
        listingId: listing.id,
        errorType: "TIMEOUT",
        errorMessage: "t",
        threshold: 3,
      });

    // The escalation is recorded; the worker's next turn fans it out.
    expect(
      valueOf(
        await (await scrape({ authorization: "Bearer test-metrics-token" })).text(),
        "notification_events_unfanned",
      ),
    ).toBeGreaterThanOrEqual(1);
    await fanOutEvents(env.ctx);
    const response = await scrape({ authorization: "Bearer test-metrics-token" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(valueOf(text, 'calendar_sync_alerts_open{status="active"}')).toBe(active + 3);
    expect(valueOf(text, 'calendar_sync_alerts_open{status="escalated"}')).toBe(escalated + 1);
    expect(valueOf(text, "email_outbox_backlog")).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, "notification_events_unfanned")).toBe(0);
    expect(valueOf(text, "email_outbox_oldest_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, "provider_incidents_open")).toBe(0);
    expect(valueOf(text, 'booking_conflicts_open{certainty="certain"}')).toBe(0);
    expect(text).toContain("calendar_feeds_overdue ");
    expect(text).toContain("nodejs_eventloop_lag_seconds ");

    const admin = await sessionCookieFor(await makeUser(env.db, "admin"));
    expect((await scrape({}, admin)).status).toBe(200);
  });
});

describe("worker metrics", () => {
  it("counts syncs by outcome and error type, times fetches per provider, and serves them on 127.0.0.1", async () => {
    // A registry of the test's own, with the worker's instruments: the counts start at zero.
    const registry = new Registry();
    const global = getMetrics();
    const metrics: Metrics = {
      registry,
      syncs: new Counter({
        name: "calendar_syncs_total",
        help: "h",
        labelNames: ["outcome", "error_type"],
        registers: [registry],
      }),
      fetchDuration: new Histogram({
        name: "calendar_fetch_duration_seconds",
        help: "h",
        labelNames: ["provider"],
        registers: [registry],
      }),
      leaseTakeovers: global.leaseTakeovers,
      retentionDeleted: global.retentionDeleted,
    };
    const listing = await makeListing(env.db);
    for (const scenario of ["airbnb", "booking", "not-found"]) {
      await makeFeed(env.db, listing.id, {
        url: `${env.feeds.baseUrl}/${scenario}/${listing.id}-${scenario}.ics?t=secret`,
      });
    }
    const summary = await runSyncScheduler({
      db: env.db,
      fetcher,
      workerId: "metrics-worker",
      concurrency: 4,
      logger: pino({ level: "silent" }),
      signal: new AbortController().signal,
      once: true,
      metrics,
    });
    expect(summary.synced + summary.failed).toBeGreaterThanOrEqual(3);

    const served = await serveWorkerMetrics(registry, 0, "127.0.0.1");
    try {
      const text = await (await fetch(`http://127.0.0.1:${served.port}/metrics`)).text();
      expect(
        valueOf(text, 'calendar_syncs_total{outcome="failure",error_type="FEED_NOT_FOUND"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(valueOf(text, 'calendar_syncs_total{outcome="success",error_type=""}')).toBeGreaterThanOrEqual(2);
      // Local hosts are not platforms: one bounded label, never the host.
      expect(valueOf(text, 'calendar_fetch_duration_seconds_count{provider="autre"}')).toBe(
        summary.synced + summary.failed,
      );
      expect(text).not.toContain("secret");
      expect((await fetch(`http://127.0.0.1:${served.port}/other`)).status).toBe(404);
    } finally {
      await served.close();
    }
  });
});
