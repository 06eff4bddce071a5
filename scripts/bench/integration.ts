// npm run bench:integration: a platform's first load through the integration API, on PostgreSQL and on the embedded
// default (a PGlite directory served by `npm run db:serve` in its own process, as production runs it). In one run, per
// engine:
// - 10,000 listings (BENCH_LISTINGS) and their 2,500 hosts through POST /api/v1/listings/batch (batches of 1,000, over
//   real HTTP on 127.0.0.1, the route handler served by a Node server in this process) against the baseline: a bare
//   INSERT … ON CONFLICT of the same rows (hosts, then listings) into copies of the two tables, 1,000 per statement;
// - the same 10,000 again (all unchanged), as a share of the first load's time;
// - npm run listings:import's service on a 10,000-line file (other ids), as a share of the batch API's time;
// - /api/health's p99 while the first load runs, against its idle p99 (the same server, one request every 20 ms).
// Goals: API ≥ 0.3× the bare insert; unchanged ≤ 0.5× the first load; the file ≤ 1.5× the API; health ≤ 3× idle.
process.env.API_KEY_REQUESTS_PER_MINUTE = "1000000";
process.env.LOG_LEVEL ??= "warn";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { runMain } from "../lib";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connectPostgres, embeddedServerUrl, isPortServing } from "../../src/server/db/connect";
import { freePort } from "../free-port";
import { machineDescription, openPostgres, percentile, type BenchEngine } from "./engines";

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);
const PER_BATCH = 1_000;
const LISTINGS_PER_HOST = 4;

const itemOf = (prefix: string, index: number) => {
  const host = Math.floor(index / LISTINGS_PER_HOST);
  return {
    externalId: `${prefix}-${index}`,
    title: `Appartement ${index}`,
    city: ["Lyon", "Marseille", "Bordeaux", "Nantes"][index % 4]!,
    timeZone: "Europe/Paris",
    host: {
      externalId: `${prefix}-H${host}`,
      email: `${prefix.toLowerCase()}-h${host}@bench.example`,
      name: `Hôte ${host}`,
    },
  };
};

type Handler = (request: Request) => Promise<Response>;

/** A Node HTTP server in front of route handlers: the same handlers `next start` runs, over a real socket. */
async function serve(routes: Record<string, Handler>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const route = routes[`${incoming.method} ${new URL(incoming.url ?? "/", "http://x").pathname}`];
    if (!route) return outgoing.writeHead(404).end();
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1${incoming.url}`, {
      method: incoming.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const response = await route(request);
    outgoing.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function healthLatencies(url: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

async function loadThroughApi(
  url: string,
  key: string,
  prefix: string,
): Promise<{ ms: number; summary: Record<string, number> }> {
  const summary: Record<string, number> = { created: 0, updated: 0, unchanged: 0, error: 0 };
  const started = performance.now();
  for (let start = 0; start < LISTINGS; start += PER_BATCH) {
    const items = Array.from({ length: Math.min(PER_BATCH, LISTINGS - start) }, (_, offset) =>
      itemOf(prefix, start + offset),
    );
    const response = await fetch(`${url}/api/v1/listings/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ items }),
    });
    const body = (await response.json()) as { meta?: { summary: Record<string, number> }; error?: unknown };
    if (response.status !== 200) throw new Error(`batch answered ${response.status}: ${JSON.stringify(body.error)}`);
    for (const [result, count] of Object.entries(body.meta!.summary)) summary[result]! += count;
  }
  return { ms: performance.now() - started, summary };
}

/** The baseline: the same hosts and listings, INSERT … ON CONFLICT into copies of the tables, 1,000 rows a statement. */
async function bareInsert(engine: BenchEngine, prefix: string): Promise<number> {
  const { db } = engine;
  await db.execute(sql`create table bare_users (like users including all)`);
  await db.execute(sql`create table bare_listings (like listings including all)`);
  const started = performance.now();
  for (let start = 0; start < LISTINGS; start += PER_BATCH) {
    const items = Array.from({ length: Math.min(PER_BATCH, LISTINGS - start) }, (_, offset) =>
      itemOf(prefix, start + offset),
    );
    const hosts = [...new Map(items.map((item) => [item.host.externalId, item.host])).values()];
    await db.execute(
      sql`insert into bare_users (id, email, name, role, external_id)
          select 'u' || h.external_id, h.email, h.name, 'host', h.external_id from json_to_recordset(${JSON.stringify(hosts.map((h) => ({ external_id: h.externalId, email: h.email, name: h.name })))}::json) as h(external_id text, email text, name text)
          on conflict (external_id) where external_id is not null do update set email = excluded.email, name = excluded.name`,
    );
    await db.execute(
      sql`insert into bare_listings (id, external_id, title, city, time_zone, owner_id)
          select 'l' || i.external_id, i.external_id, i.title, i.city, i.time_zone, 'u' || i.host from json_to_recordset(${JSON.stringify(items.map((item) => ({ external_id: item.externalId, title: item.title, city: item.city, time_zone: item.timeZone, host: item.host.externalId })))}::json)
            as i(external_id text, title text, city text, time_zone text, host text)
          on conflict (external_id) where external_id is not null do update set title = excluded.title, city = excluded.city, time_zone = excluded.time_zone, owner_id = excluded.owner_id`,
    );
  }
  return performance.now() - started;
}

const fileOf = (prefix: string) =>
  [
    "externalId;title;city;timeZone;hostExternalId;hostEmail;hostName",
    ...Array.from({ length: LISTINGS }, (_, index) => {
      const item = itemOf(prefix, index);
      return [
        item.externalId,
        item.title,
        item.city,
        item.timeZone,
        item.host.externalId,
        item.host.email,
        item.host.name,
      ].join(";");
    }),
  ].join("\n");

const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? "goal met" : "GOAL MISSED");

async function benchEngine(engine: BenchEngine): Promise<void> {
  const { installDatabase } = await import("../../src/server/db/client");
  installDatabase({ db: engine.db, kind: engine.url ? "postgres" : "pglite-server", close: async () => undefined });
  const { systemContext } = await import("../../src/server/service-context");
  const { createApiKey } = await import("../../src/server/services/api-keys/api-keys.service");
  const { importListingsFile } = await import("../../src/server/services/platform/import-listings-file");
  const { POST: batchRoute } = await import("../../src/app/api/v1/listings/batch/route");
  const { GET: healthRoute } = await import("../../src/app/api/health/route");
  const cli = systemContext(engine.db, "cli");
  const { key } = await createApiKey(cli, { name: "Bench", scopes: ["listings:write"] });
  const app = await serve({
    "POST /api/v1/listings/batch": (request) => batchRoute(request, { params: Promise.resolve({}) }),
    "GET /api/health": () => healthRoute(),
  });
  try {
    await healthLatencies(app.url, 50);
    const idle = await healthLatencies(app.url, 300);

    let loading = true;
    const duringLoad: number[] = [];
    const prober = (async () => {
      while (loading) {
        const started = performance.now();
        await (await fetch(`${app.url}/api/health`)).arrayBuffer();
        duringLoad.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const first = await loadThroughApi(app.url, key, "API");
    loading = false;
    await prober;
    duringLoad.sort((a, b) => a - b);
    const again = await loadThroughApi(app.url, key, "API");
    const bareMs = await bareInsert(engine, "API");
    const importStarted = performance.now();
    const imported = await importListingsFile(cli, { text: fileOf("FILE") });
    const importMs = performance.now() - importStarted;

    const apiRate = LISTINGS / (first.ms / 1000);
    const bareRate = LISTINGS / (bareMs / 1000);
    console.log(`\n${engine.label}`);
    console.log(
      `  batch API, first load      ${(first.ms / 1000).toFixed(2)} s, ${apiRate.toFixed(0)} listings/s ${JSON.stringify(first.summary)}`,
    );
    console.log(
      `  bare INSERT … ON CONFLICT  ${(bareMs / 1000).toFixed(2)} s, ${bareRate.toFixed(0)} listings/s (baseline)`,
    );
    console.log(`    → API / bare: ${ratio(apiRate / bareRate)} (goal ≥ 0.3×: ${verdict(apiRate / bareRate >= 0.3)})`);
    console.log(`  the same again (unchanged) ${(again.ms / 1000).toFixed(2)} s ${JSON.stringify(again.summary)}`);
    console.log(
      `    → unchanged / first: ${ratio(again.ms / first.ms)} (goal ≤ 0.5×: ${verdict(again.ms / first.ms <= 0.5)})`,
    );
    console.log(
      `  listings:import, ${LISTINGS} lines ${(importMs / 1000).toFixed(2)} s ${JSON.stringify(imported.summary)}`,
    );
    console.log(
      `    → file / API: ${ratio(importMs / first.ms)} (goal ≤ 1.5×: ${verdict(importMs / first.ms <= 1.5)})`,
    );
    const idleP99 = percentile(idle, 99);
    const loadP99 = percentile(duringLoad, 99);
    console.log(
      `  /api/health p99: idle ${idleP99.toFixed(1)} ms (p50 ${percentile(idle, 50).toFixed(1)}), during the load ${loadP99.toFixed(1)} ms (p50 ${percentile(duringLoad, 50).toFixed(1)}, ${duringLoad.length} probes)`,
    );
    console.log(`    → load / idle: ${ratio(loadP99 / idleP99)} (goal ≤ 3×: ${verdict(loadP99 / idleP99 <= 3)})`);
  } finally {
    await app.close();
  }
}

/** The embedded default as production runs it: `npm run db:serve` on a fresh directory, reached over its socket. */
async function openEmbedded(): Promise<BenchEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), "csa-integration-"));
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/db-serve.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      PGLITE_DIR: path.join(dir, "pglite"),
      PGLITE_PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let attempt = 0; !(await isPortServing(port).catch(() => false)); attempt++) {
    if (server.exitCode !== null || attempt > 240) throw new Error("db:serve did not come up");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const handle = connectPostgres(embeddedServerUrl(port, path.join(dir, "pglite")), 4, "pglite-server");
  return {
    label: "embedded (PGlite through db:serve)",
    db: handle.db,
    async close() {
      await handle.close();
      server.kill("SIGTERM");
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runMain(async () => {
  console.log(
    `bench:integration — ${LISTINGS} listings, ${LISTINGS / LISTINGS_PER_HOST} hosts, batches of ${PER_BATCH}; ${machineDescription()}`,
  );
  for (const open of [() => openPostgres(4), () => openEmbedded()]) {
    const engine = await open();
    try {
      await benchEngine(engine);
    } finally {
      await engine.close();
    }
  }
});
