// npm run bench:outage: a provider outage through the real worker processes on PostgreSQL, with provider
// incidents on, then off (the baseline), in the same run. 5,000 feeds over three local providers
// (127.0.0.2-4, answering in 100-300 ms); the first holds 60 % of the feeds and answers 503 for a while. The feeds
// belong to 500 hosts.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { sql } from "drizzle-orm";
import { getConfig } from "../../src/server/config";
import { calendarFeeds, listings, users } from "../../src/server/db/schema";
import { queryRows } from "../../src/server/db/query-rows";
import { protectFeedUrl } from "../../src/server/services/calendar/feed-url";
import { runMain } from "../lib";
import { machineDescription, openPostgres, type BenchEngine } from "./engines";

const FEEDS = Number(process.env.BENCH_FEEDS ?? 5_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
// The sync interval is 1 minute (its minimum): the outage starts 20 s in, while every feed is healthy and waiting
// for its next sync, and lasts long enough for the baseline to escalate (threshold 2: failures at ~1 and ~2 min).
const INTERVAL_MINUTES = 1;
const THRESHOLD = 2;
const OUTAGE_STARTS_S = 20;
const OUTAGE_LASTS_S = Number(process.env.BENCH_OUTAGE_SECONDS ?? 130);
const RUN_S = Number(process.env.BENCH_RUN_SECONDS ?? OUTAGE_STARTS_S + OUTAGE_LASTS_S + 100);
const PROBE_INTERVAL_S = 5;
const HOSTS = 500;
const PROVIDERS = [
  { host: "127.0.0.2", share: 0.6 },
  { host: "127.0.0.3", share: 0.2 },
  { host: "127.0.0.4", share: 0.2 },
];

interface Provider {
  host: string;
  url: string;
  down: boolean;
  requests: number;
  requestsWhileDown: number;
  /** When each feed was fetched, by path: what the provider saw, whether or not the sync wrote a row. */
  fetchTimes: Map<string, number[]>;
  close(): Promise<void>;
}

const calendar = (id: string) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Bench//EN",
    "BEGIN:VEVENT",
    `UID:${id}@bench`,
    "DTSTART;VALUE=DATE:20270105",
    "DTEND;VALUE=DATE:20270108",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");

async function startProvider(host: string): Promise<Provider> {
  const provider = { host, url: "", down: false, requests: 0, requestsWhileDown: 0, fetchTimes: new Map() } as Provider;
  const server = http.createServer((request, response) => {
    provider.requests++;
    const path = (request.url ?? "").split("?")[0]!;
    provider.fetchTimes.set(path, [...(provider.fetchTimes.get(path) ?? []), Date.now()]);
    if (provider.down) provider.requestsWhileDown++;
    const down = provider.down;
    setTimeout(
      () => {
        if (down) {
          response.writeHead(503);
          return response.end("Service Unavailable");
        }
        response.writeHead(200, { "content-type": "text/calendar" });
        response.end(calendar(request.url ?? ""));
      },
      100 + Math.random() * 200,
    );
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  provider.url = `http://${host}:${(server.address() as import("node:net").AddressInfo).port}`;
  provider.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return provider;
}

async function seed(engine: BenchEngine, providers: Provider[]) {
  const key = getConfig().encryptionKey;
  // Many hosts, as in production: an incident needs feeds of PROVIDER_INCIDENT_MIN_OWNERS owners failing.
  await engine.db.insert(users).values(
    Array.from({ length: HOSTS }, (_, h) => ({
      id: `bench-host-${h}`,
      email: `bench-${h}@example.com`,
      name: `Bench ${h}`,
      passwordHash: "x",
      role: "host" as const,
    })),
  );
  const hostOf = (i: number) => {
    let edge = 0;
    for (const [index, provider] of PROVIDERS.entries()) {
      edge += provider.share * FEEDS;
      if (i < edge) return providers[index]!;
    }
    return providers.at(-1)!;
  };
  for (let start = 0; start < FEEDS; start += 500) {
    const ids = Array.from({ length: Math.min(500, FEEDS - start) }, (_, offset) => start + offset);
    await engine.db
      .insert(listings)
      .values(
        ids.map((i) => ({ id: `l${i}`, title: `Annonce ${i}`, city: "Lyon", ownerId: `bench-host-${i % HOSTS}` })),
      );
    await engine.db.insert(calendarFeeds).values(
      ids.map((i) => ({
        id: `f${i}`,
        listingId: `l${i}`,
        provider: "Bench",
        ...protectFeedUrl(`${hostOf(i).url}/f${i}.ics?t=token${i}`, key),
        nextSyncAt: new Date(),
      })),
    );
  }
}

function startWorker(databaseUrl: string, incidents: "on" | "off"): ChildProcess {
  return spawn("node_modules/.bin/tsx", ["scripts/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "20",
      SYNC_CONCURRENCY: String(CONCURRENCY),
      SYNC_INTERVAL_MINUTES: String(INTERVAL_MINUTES),
      ALERT_ESCALATION_THRESHOLD: String(THRESHOLD),
      PROVIDER_INCIDENTS: incidents,
      PROVIDER_PROBE_INTERVAL_SECONDS: String(PROBE_INTERVAL_S),
      CALENDAR_FETCH_ALLOW_HOSTS: PROVIDERS.map((provider) => provider.host).join(","),
      CALENDAR_FETCH_TIMEOUT_MS: "5000",
      LOG_LEVEL: "warn",
      SMTP_URL: "",
      MAIL_DIR: "./data/bench-mail",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

interface RunFigures {
  emails: Record<string, number>;
  fetchesWhileDown: number;
  /** Of those, the ones sent after the incident opened (probes, when the breaker works). */
  fetchesWhileDownAfterOpening: number | null;
  incidentOpenedAfterS: number | null;
  recoveredAfterS: number | null;
  othersMaxGapS: number;
  failingFeedsAtEnd: number;
}

async function run(incidents: "on" | "off"): Promise<RunFigures> {
  const providers = await Promise.all(PROVIDERS.map((provider) => startProvider(provider.host)));
  const engine = await openPostgres(4);
  const workers: ChildProcess[] = [];
  try {
    await seed(engine, providers);
    const started = Date.now();
    for (let i = 0; i < WORKERS; i++) workers.push(startWorker(engine.url!, incidents));
    const failing = providers[0]!;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_STARTS_S * 1_000));
    failing.down = true;
    const outageStart = new Date();
    // Watch for the incident while the provider is down, to count the fetches sent after it opened.
    let fetchesAtOpening: number | null = null;
    const outageEnd = Date.now() + OUTAGE_LASTS_S * 1_000;
    while (Date.now() < outageEnd) {
      if (fetchesAtOpening === null) {
        const [open] = await queryRows<{ count: number }>(
          engine.db,
          sql`select count(*)::int as count from provider_incidents where status = 'open'`,
        );
        if (Number(open?.count ?? 0) > 0) fetchesAtOpening = failing.requestsWhileDown;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, Math.max(0, outageEnd - Date.now()))));
    }
    const fetchesAfterOpening = fetchesAtOpening === null ? null : failing.requestsWhileDown - fetchesAtOpening;
    failing.down = false;
    const recovery = new Date();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + RUN_S * 1_000 - Date.now())));
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(
      workers.map(
        (worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once("exit", resolve))),
      ),
    );

    const emails = await queryRows<{ kind: string; count: number }>(
      engine.db,
      sql`select kind, count(*)::int as count from email_outbox group by kind order by kind`,
    );
    const [opened] = await queryRows<{ at: Date | null }>(
      engine.db,
      sql`select min(opened_at) as at from provider_incidents`,
    );
    // Measured at the providers, since a sync that finds nothing new writes no run row.
    // Time from the provider's recovery until each of its feeds had been fetched again; null if one never was.
    const firstAfterRecovery = [...failing.fetchTimes.values()].map((times) =>
      times.find((at) => at >= recovery.getTime()),
    );
    const recoveredAll = firstAfterRecovery.every((at) => at !== undefined);
    const recoveredLast = Math.max(...firstAfterRecovery.map((at) => at ?? 0));
    // The other providers' feeds: the longest wait between two fetches of one feed.
    let longestGap = 0;
    for (const provider of providers.slice(1)) {
      for (const times of provider.fetchTimes.values())
        for (let i = 1; i < times.length; i++) longestGap = Math.max(longestGap, times[i]! - times[i - 1]!);
    }
    const [stillFailing] = await queryRows<{ count: number }>(
      engine.db,
      sql`select count(*)::int as count from calendar_feeds where consecutive_failures > 0`,
    );
    return {
      emails: Object.fromEntries(emails.map((row) => [row.kind, Number(row.count)])),
      fetchesWhileDown: failing.requestsWhileDown,
      fetchesWhileDownAfterOpening: fetchesAfterOpening,
      incidentOpenedAfterS: opened?.at ? (new Date(opened.at).getTime() - outageStart.getTime()) / 1_000 : null,
      recoveredAfterS: recoveredAll ? (recoveredLast - recovery.getTime()) / 1_000 : null,
      othersMaxGapS: longestGap / 1_000,
      failingFeedsAtEnd: Number(stillFailing?.count ?? 0),
    };
  } finally {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await engine.close();
    await Promise.all(providers.map((provider) => provider.close()));
  }
}

function report(label: string, figures: RunFigures) {
  const total = Object.values(figures.emails).reduce((sum, n) => sum + n, 0);
  console.log(`\n## ${label}`);
  console.log(
    `e-mails queued: ${total} (${
      Object.entries(figures.emails)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(", ") || "none"
    })`,
  );
  console.log(
    `fetches sent to the failing provider while it was down: ${figures.fetchesWhileDown}` +
      (figures.fetchesWhileDownAfterOpening === null
        ? ""
        : `, of which ${figures.fetchesWhileDownAfterOpening} after the incident opened (probes every ${PROBE_INTERVAL_S} s)`),
  );
  console.log(
    `outage start → incident opened: ${figures.incidentOpenedAfterS === null ? "no incident" : `${figures.incidentOpenedAfterS.toFixed(1)} s`} (one sync interval: ${INTERVAL_MINUTES * 60} s)`,
  );
  console.log(
    `recovery → every feed of the provider fetched again: ${figures.recoveredAfterS === null ? "not all within the run" : `${figures.recoveredAfterS.toFixed(1)} s`}`,
  );
  console.log(
    `other providers: longest wait between two fetches of a feed ${figures.othersMaxGapS.toFixed(1)} s (interval ${INTERVAL_MINUTES * 60} s + jitter)`,
  );
  console.log(`feeds still failing at the end: ${figures.failingFeedsAtEnd}`);
}

async function main() {
  console.log(`# bench:outage — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}`);
  console.log(
    `${FEEDS} feeds (60/20/20 % on ${PROVIDERS.map((provider) => provider.host).join(", ")}), ${WORKERS} workers at concurrency ${CONCURRENCY}, interval ${INTERVAL_MINUTES} min, threshold ${THRESHOLD}; ` +
      `${PROVIDERS[0]!.host} answers 503 from ${OUTAGE_STARTS_S} s for ${OUTAGE_LASTS_S} s; probes every ${PROBE_INTERVAL_S} s; each run lasts ${RUN_S} s`,
  );
  const on = await run("on");
  report("provider incidents on", on);
  const off = await run("off");
  report("baseline: PROVIDER_INCIDENTS=off", off);
  const emailsOn = Object.values(on.emails).reduce((sum, n) => sum + n, 0);
  const emailsOff = Object.values(off.emails).reduce((sum, n) => sum + n, 0);
  console.log(
    `\ne-mails: ${emailsOn} with incidents against ${emailsOff} without (ratio ${(emailsOn / Math.max(1, emailsOff)).toFixed(4)}); fetches to the down provider: ${on.fetchesWhileDown} against ${off.fetchesWhileDown}`,
  );
}

runMain(main);
