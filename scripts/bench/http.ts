// npm run bench:http: autocannon against the production build (npm start) on a fresh PostgreSQL database holding
// 100,000 alerts of history (BENCH_HISTORY) and 334 open ones, signed in as support. 50 connections (BENCH_CONNECTIONS)
// for 30 s (BENCH_SECONDS) per target; GET /api/health on the same server is the baseline (what the server costs
// without our work). Builds first unless BENCH_SKIP_BUILD=1 and a build exists.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import { flagValue, runMain } from "../lib";
import { encryptSecret } from "../../src/server/crypto/secret-box";
import { freePort } from "../free-port";
import { machineDescription, openPostgres } from "./engines";
import { seedAlertHistory, seedBenchListings } from "./seed-alerts";
import { postgresCpuSeconds } from "./worker-process";
import { allProcesses, readProcStat } from "./proc-stat";

const HISTORY = Number(process.env.BENCH_HISTORY ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SECRET = "bench-secret-not-for-production";
// The dashboard's scenario (#19): 50 open alerts, 10 of them under an open provider incident.
const OPEN_ALERTS = 50;
const BENCH_KEY = "YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWJlbiE=";
const UNDER_INCIDENT = 10;

/** Peak resident memory of the server process (and any child), in MiB. */
function peakRssMiB(pid: number): number {
  const pids = [
    pid,
    ...allProcesses()
      .filter((proc) => proc.parent === pid)
      .map((proc) => proc.pid),
  ];
  let peak = 0;
  for (const candidate of pids) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${candidate}/status`, "utf8"));
      if (match) peak = Math.max(peak, Number(match[1]) / 1024);
    } catch {
      // gone
    }
  }
  return Math.round(peak);
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer`);
}

async function load(label: string, url: string, headers: Record<string, string>, serverPid: number) {
  const serverBefore = readProcStat(serverPid)?.cpuSeconds ?? 0;
  const postgresBefore = postgresCpuSeconds();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const requests = Math.max(1, result.requests.total);
  const serverMs = (((readProcStat(serverPid)?.cpuSeconds ?? 0) - serverBefore) * 1000) / requests;
  const postgresMs = ((postgresCpuSeconds() - postgresBefore) * 1000) / requests;
  const bytes = result.throughput.total / requests;
  console.log(
    `${label.padEnd(44)} ${result.requests.average.toFixed(0).padStart(5)} req/s · p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms · ` +
      `${(bytes / 1024).toFixed(1)} KB/response · CPU per request: server ${serverMs.toFixed(2)} ms, PostgreSQL ${postgresMs.toFixed(2)} ms · ` +
      `${result.errors} errors, ${result.non2xx} non-2xx`,
  );
  return result;
}

runMain(async () => {
  const only = flagValue(process.argv.slice(2), "--only");
  console.log(`# bench:http — ${new Date().toISOString()}`);
  console.log(
    `machine: ${machineDescription()}; production build (npm start), PostgreSQL on 127.0.0.1; autocannon, ${CONNECTIONS} connections, ${SECONDS} s per target`,
  );
  if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(".next/BUILD_ID"))
    execFileSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  const engine = await openPostgres(4);
  let server: ChildProcess | undefined;
  try {
    const listings = await seedBenchListings(engine.db, 1_000);
    await seedAlertHistory(engine.db, listings.length, HISTORY, OPEN_ALERTS);
    // Ten of the open alerts' listings import from a provider that is down: an open incident covers them.
    await engine.db
      .execute(sql`insert into calendar_feeds (id, listing_id, provider, provider_key, url_ciphertext, url_masked, consecutive_failures)
      select 'bench-feed-' || g, 'bench-listing-' || g, 'Booking.com', '127.0.0.2', 'v1:none', 'https://127.0.0.2/…', 1 from generate_series(0, ${UNDER_INCIDENT - 1}::int) g`);
    await engine.db
      .execute(sql`insert into provider_incidents (id, provider_key, opened_at, feeds_failing, listings_failing, feeds_synced, next_probe_at)
      values ('bench-incident', '127.0.0.2', now() - interval '1 hour', ${UNDER_INCIDENT}, ${UNDER_INCIDENT}, ${UNDER_INCIDENT}, now() + interval '1 hour')`);
    await engine.db.execute(
      sql`insert into users (id, email, name, password_hash, role) values ('bench-support', 'support@bench.example', 'Support', 'x', 'support')`,
    );
    console.log(
      `data: ${HISTORY.toLocaleString("en")} resolved alerts, ${OPEN_ALERTS} open of which ${UNDER_INCIDENT} under an open provider incident (1,000 listings)\n`,
    );
    await engine.db.execute(
      sql`insert into user_sessions (id, user_id, expires_at) values ('bench-session', 'bench-support', now() + interval '1 day')`,
    );
    const token = await encode({
      secret: SECRET,
      token: {
        id: "bench-support",
        role: "support",
        email: "support@bench.example",
        name: "Support",
        sub: "bench-support",
        sid: "bench-session",
      },
    });
    const cookie = `next-auth.session-token=${token}`;
    // An export link of a listing with 20 imported stays (the feed under incident's), read as Airbnb reads it.
    const exportToken = randomBytes(32).toString("base64url");
    await engine.db.execute(sql`insert into export_links (id, listing_id, destination, token_hash, token_ciphertext)
      values ('bench-export', 'bench-listing-0', 'airbnb', ${createHash("sha256").update(exportToken).digest("hex")}, ${encryptSecret(exportToken, Buffer.from(BENCH_KEY, "base64"))})`);
    await engine.db
      .execute(sql`insert into calendar_blocks (feed_id, listing_id, uid, starts_at, ends_at, all_day, kind)
      select 'bench-feed-0', 'bench-listing-0', 'stay-' || g, now()::date + g * 7, now()::date + g * 7 + 3, true, 'reservation'
      from generate_series(1, 20) g`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
    server = spawn(
      process.execPath,
      [...nodeArgs, "--import", "tsx", "scripts/start.ts", "--port", String(port), "--hostname", "127.0.0.1"],
      {
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: engine.url,
          NEXTAUTH_SECRET: SECRET,
          NEXTAUTH_URL: base,
          LOG_LEVEL: "warn",
          APP_ENCRYPTION_KEY: BENCH_KEY,
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    await waitUntilServing(`${base}/api/health`, server);
    const exportPath = `/ical/${exportToken}.ics`;
    const exportEtag =
      (await fetch(`${base}${exportPath}`, { headers: { "user-agent": "Airbnb" } })).headers.get("etag") ?? "";
    const targets: Array<[string, string, Record<string, string>?]> = [
      ["baseline: GET /api/health", "/api/health"],
      // What Next costs for a page before any of ours: no session, no query, a few lines of text.
      ["floor: a page without data (GET /acces-refuse)", "/acces-refuse"],
      // What an authenticated API request costs before its own work: the session's row, read on every request.
      ["floor: the session alone (GET /api/admin/me)", "/api/admin/me"],
      ["list API, dashboard refresh (50 summaries)", "/api/admin/alerts/calendar-sync?limit=50&view=summary"],
      ["list API, open alerts (whole DTOs)", "/api/admin/alerts/calendar-sync?limit=50"],
      ["list API, history (all statuses)", "/api/admin/alerts/calendar-sync?status=all"],
      ["dashboard page GET /admin", "/admin"],
      // The export side: no session; a read is recorded once a minute per link.
      ["export calendar, 200 (GET /ical/{token}.ics)", exportPath, { "user-agent": "Airbnb/1.0" }],
      [
        "export calendar, 304 (If-None-Match)",
        `${exportPath}?304`,
        { "user-agent": "Airbnb/1.0", "if-none-match": exportEtag },
      ],
    ];
    const dump = flagValue(process.argv.slice(2), "--dump");
    if (dump) writeFileSync(dump, await (await fetch(`${base}/admin`, { headers: { cookie } })).text());
    const p99 = new Map<string, number>();
    for (const [label, path, extraHeaders] of targets) {
      // --only takes a target's exact path (« /admin » alone), else any target whose path contains it.
      if (only && (targets.some(([, target]) => target === only) ? path !== only : !path.includes(only))) continue;
      const headers = extraHeaders ?? { cookie };
      // A short warm-up so that compilation and caches are not in the figure.
      await autocannon({ url: `${base}${path}`, connections: 4, duration: 2, headers });
      p99.set(path, (await load(label, `${base}${path}`, headers, server.pid!)).latency.p99);
    }
    const health = p99.get("/api/health");
    const ratio = (path: string, goal: number, label: string) => {
      const value = p99.get(path);
      if (health && value !== undefined)
        console.log(
          `${label}: p99 ${value} ms ÷ health ${health} ms = ${(value / health).toFixed(2)} (goal ≤ ${goal}: ${value / health <= goal ? "met" : "NOT met"})`,
        );
    };
    console.log("");
    // The floors have no goal: they say how much of each goal Next and the session check take before our work.
    const floor = (path: string, label: string) => {
      const value = p99.get(path);
      if (health && value !== undefined)
        console.log(`${label}: p99 ${value} ms ÷ health ${health} ms = ${(value / health).toFixed(2)}`);
    };
    floor("/acces-refuse", "floor, a page without data");
    floor("/api/admin/me", "floor, the session alone");
    ratio("/admin", 3, "dashboard");
    ratio("/api/admin/alerts/calendar-sync?status=all", 2, "history list");
    ratio(exportPath, 2, "export calendar, 200");
    ratio(`${exportPath}?304`, 2, "export calendar, 304");
    console.log(`\nserver peak RSS: ${peakRssMiB(server.pid!)} MiB`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    await engine.close();
  }
});
