// npm run bench:http: autocannon against the production build (npm start) on a fresh PostgreSQL database holding
// 100,000 alerts of history (BENCH_HISTORY) and 50 open ones, signed in as support. Each target at 5 then 50
// connections (BENCH_PHASES) for 30 s (BENCH_SECONDS); GET /api/health on the same server is the baseline (what the
// server costs without our work) and the empty back-office page (/admin/cadre) the frame every page pays. Builds
// first unless BENCH_SKIP_BUILD=1 and a build exists.
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
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SECRET = "bench-secret-not-for-production";
// The dashboard's scenario (#19): 50 open alerts, 10 of them under an open provider incident.
const OPEN_ALERTS = 50;
const BENCH_KEY = "YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWJlbiE=";
const UNDER_INCIDENT = 10;
// Each target is measured at each of these numbers of connections (BENCH_PHASES="5,50").
const PHASES = (process.env.BENCH_PHASES ?? "5,50").split(",").map(Number);
const FRAME = "/admin/cadre";
const DASHBOARD = "/admin";
const HISTORY_LIST = "/api/admin/alerts/calendar-sync?status=all";

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

interface Measure {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  serverMs: number;
  postgresMs: number;
  kilobytes: number;
}

async function load(
  label: string,
  url: string,
  headers: Record<string, string>,
  serverPid: number,
  connections: number,
): Promise<Measure> {
  const serverBefore = readProcStat(serverPid)?.cpuSeconds ?? 0;
  const postgresBefore = postgresCpuSeconds();
  const result = await autocannon({ url, connections, duration: SECONDS, headers });
  const requests = Math.max(1, result.requests.total);
  const measure: Measure = {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    serverMs: (((readProcStat(serverPid)?.cpuSeconds ?? 0) - serverBefore) * 1000) / requests,
    postgresMs: ((postgresCpuSeconds() - postgresBefore) * 1000) / requests,
    kilobytes: result.throughput.total / requests / 1024,
  };
  console.log(
    `${label.padEnd(44)} ${measure.requestsPerSecond.toFixed(0).padStart(5)} req/s · p50 ${measure.p50} ms · p99 ${measure.p99} ms · ` +
      `${measure.kilobytes.toFixed(1)} KB/response · CPU per request: server ${measure.serverMs.toFixed(2)} ms, PostgreSQL ${measure.postgresMs.toFixed(2)} ms · ` +
      `${result.errors} errors, ${result.non2xx} non-2xx`,
  );
  return measure;
}

/** Each target against health and the frame, and the goals of #34 where they apply. */
function printRatios(measures: Map<string, Measure>, connections: number): void {
  const health = measures.get("/api/health");
  const frame = measures.get(FRAME);
  const times = (value: number, base: number | undefined) => (base ? `${(value / base).toFixed(2)}×` : "—");
  console.log(`\nratios at ${connections} connections (p99 and server CPU per request):`);
  for (const measure of measures.values())
    console.log(
      `  ${measure.label.padEnd(52)} p99 ÷ health ${times(measure.p99, health?.p99).padStart(6)} · p99 ÷ frame ${times(measure.p99, frame?.p99).padStart(6)} · ` +
        `CPU ÷ health ${times(measure.serverMs, health?.serverMs).padStart(6)} · CPU ÷ frame ${times(measure.serverMs, frame?.serverMs).padStart(6)}`,
    );
  const goal = (label: string, value: number | undefined, base: number | undefined, limit: number) => {
    if (value === undefined || !base) return;
    const ratio = value / base;
    console.log(`  goal, ${label}: ${ratio.toFixed(2)} (≤ ${limit}: ${ratio <= limit ? "met" : "NOT met"})`);
  };
  const dashboard = measures.get(DASHBOARD);
  if (connections !== 50) return;
  goal("dashboard p99 ÷ frame p99", dashboard?.p99, frame?.p99, 1.5);
  goal("dashboard server CPU ÷ frame's", dashboard?.serverMs, frame?.serverMs, 2);
  goal("history list p99 ÷ health p99", measures.get(HISTORY_LIST)?.p99, health?.p99, 2);
}

runMain(async () => {
  const only = flagValue(process.argv.slice(2), "--only");
  console.log(`# bench:http — ${new Date().toISOString()}`);
  console.log(
    `machine: ${machineDescription()}; production build (npm start), PostgreSQL on 127.0.0.1; autocannon, ${PHASES.join(" then ")} connections, ${SECONDS} s per target`,
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
          BENCH_FRAME_PAGE: "1",
        },
        // BENCH_SERVER_OUTPUT=1 shows the server's own output (with BENCH_SERVER_NODE_ARGS=--trace-gc, its collections).
        stdio: ["ignore", process.env.BENCH_SERVER_OUTPUT === "1" ? "inherit" : "ignore", "inherit"],
      },
    );
    await waitUntilServing(`${base}/api/health`, server);
    const exportPath = `/ical/${exportToken}.ics`;
    const exportEtag =
      (await fetch(`${base}${exportPath}`, { headers: { "user-agent": "Airbnb" } })).headers.get("etag") ?? "";
    const targets: Array<[string, string, Record<string, string>?]> = [
      ["baseline: GET /api/health", "/api/health"],
      // The back-office frame (#34): the admin layout and the viewer check, an empty page. The floor of every
      // back-office page, the dashboard's target.
      ["frame: an empty back-office page (GET /admin/cadre)", FRAME],
      // What an authenticated API request costs before its own work: the session's row, read on every request.
      ["floor: the session alone (GET /api/admin/me)", "/api/admin/me"],
      ["list API, dashboard refresh (50 summaries)", "/api/admin/alerts/calendar-sync?limit=50&view=summary"],
      ["list API, open alerts (whole DTOs)", "/api/admin/alerts/calendar-sync?limit=50"],
      ["list API, history (all statuses)", HISTORY_LIST],
      ["dashboard page GET /admin", DASHBOARD],
      // The export side: no session; a read is recorded once a minute per link.
      ["export calendar, 200 (GET /ical/{token}.ics)", exportPath, { "user-agent": "Airbnb/1.0" }],
      [
        "export calendar, 304 (If-None-Match)",
        `${exportPath}?304`,
        { "user-agent": "Airbnb/1.0", "if-none-match": exportEtag },
      ],
    ];
    const dump = flagValue(process.argv.slice(2), "--dump");
    const dashboardHtml = await (await fetch(`${base}${DASHBOARD}`, { headers: { cookie } })).text();
    const frameHtml = await (await fetch(`${base}${FRAME}`, { headers: { cookie } })).text();
    if (dump) writeFileSync(dump, dashboardHtml);
    const dashboardKb = Buffer.byteLength(dashboardHtml) / 1024;
    const frameKb = Buffer.byteLength(frameHtml) / 1024;
    console.log(
      `HTML (uncompressed): dashboard ${dashboardKb.toFixed(1)} KB with ${OPEN_ALERTS} open alerts, frame ${frameKb.toFixed(1)} KB (goal ≤ 40 KB: ${dashboardKb <= 40 ? "met" : "NOT met"})`,
    );
    // --only takes paths, comma-separated: a target's exact path (« /admin » alone), else any target whose path contains it.
    const wanted = only?.split(",") ?? [];
    const selected = targets.filter(
      ([, path]) =>
        wanted.length === 0 ||
        wanted.some((part) => (targets.some(([, target]) => target === part) ? path === part : path.includes(part))),
    );
    for (const connections of PHASES) {
      console.log(`\n## ${connections} connections, ${SECONDS} s per target`);
      const measures = new Map<string, Measure>();
      for (const [label, path, extraHeaders] of selected) {
        const headers = extraHeaders ?? { cookie };
        // A short warm-up so that compilation and caches are not in the figure.
        await autocannon({ url: `${base}${path}`, connections: 4, duration: 2, headers });
        measures.set(path, await load(label, `${base}${path}`, headers, server.pid!, connections));
      }
      printRatios(measures, connections);
    }
    console.log(`\nserver peak RSS: ${peakRssMiB(server.pid!)} MiB`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    await engine.close();
  }
});
