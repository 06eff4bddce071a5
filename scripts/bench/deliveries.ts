// npm run bench:deliveries: 1,000 events (BENCH_EVENTS) published at 100 a second to 3 webhook channels (real
// receivers on 127.0.0.20, .21 and .22; the last answers 503 with Retry-After: 2 for its first 30 s), delivered by 2
// worker processes (scripts/bench/delivery-worker.mts) on PostgreSQL. Prints deliveries per second, duplicates, the
// delay from event to delivery (p50, p99) per receiver, and whether the failing receiver got every event once back.
// Baseline, in the same run: the same signed bodies POSTed straight to a receiver by 2 loops, no database.
process.env.CALENDAR_FETCH_ALLOW_HOSTS = "127.0.0.20,127.0.0.21,127.0.0.22";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { runMain } from "../lib";
import { machineDescription, openPostgres, percentile } from "./engines";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000);
const RATE_PER_SECOND = 100;
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 30_000);

interface Receiver {
  host: string;
  url: string;
  /** webhook-id → when it was answered 2xx (ms), one entry per 2xx answer. */
  accepted: Array<{ id: string; at: number }>;
  refused: number;
  close(): Promise<void>;
}

async function startReceiver(host: string, downUntil = 0): Promise<Receiver> {
  const receiver: Receiver = { host, url: "", accepted: [], refused: 0, close: async () => undefined };
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (Date.now() < downUntil) {
        receiver.refused++;
        response.writeHead(503, { "retry-after": "2" }).end();
        return;
      }
      receiver.accepted.push({ id: String(request.headers["webhook-id"]), at: Date.now() });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  receiver.url = `http://${host}:${(server.address() as AddressInfo).port}/hooks/bench-token`;
  receiver.close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** The baseline: the same number of signed POSTs, straight to a receiver, 2 at a time. */
async function bareLoop(count: number): Promise<number> {
  const { webhookRequest } = await import("../../src/server/services/notifications/channels/webhook-request");
  const { postToChannel } = await import("../../src/server/services/notifications/channels/channel-http");
  const receiver = await startReceiver("127.0.0.20");
  const secret = `whsec_${Buffer.alloc(24, 1).toString("base64")}`;
  const started = performance.now();
  let next = 0;
  const loop = async () => {
    while (next < count) {
      const index = next++;
      const { body, headers } = webhookRequest(
        { id: `bare-${index}`, type: "alert.escalated", timestamp: new Date().toISOString(), data: { index } },
        [secret],
        new Date(),
      );
      await postToChannel(receiver.url, body, headers, { allowHosts: ["127.0.0.20"], timeoutMs: 5_000 });
    }
  };
  await Promise.all([loop(), loop()]);
  const seconds = (performance.now() - started) / 1000;
  await receiver.close();
  return count / seconds;
}

/** An escalation as the policy records it; the fan-out makes its support e-mail and its three deliveries. */
function benchEvent(alertId: string, at: Date) {
  return {
    type: "alert.escalated" as const,
    alert: {
      id: alertId,
      listing: { id: `listing-${alertId}`, title: `Bench ${alertId}` },
      errorType: "HTTP_ERROR" as const,
      errorMessage: "HTTP 500",
      failedAttempts: 3,
      escalationReason: null,
      firstFailedAt: at.toISOString(),
      lastFailedAt: at.toISOString(),
    },
    risk: { nextArrivalAt: null },
    providers: [],
  };
}

runMain(async () => {
  console.log(`# bench:deliveries — ${new Date().toISOString()}`);
  console.log(
    `machine: ${machineDescription()}; PostgreSQL on 127.0.0.1; ${EVENTS} events at ${RATE_PER_SECOND}/s to 3 webhook channels, 2 worker processes\n`,
  );
  const bare = await bareLoop(EVENTS * 3);
  const engine = await openPostgres(4);
  const workers: ChildProcess[] = [];
  const receivers = [await startReceiver("127.0.0.20"), await startReceiver("127.0.0.21")];
  try {
    const { createChannel } = await import("../../src/server/services/notifications/notifications.service");
    const { recordEvent } = await import("../../src/server/services/events/events.service");
    const { systemContext } = await import("../../src/server/service-context");
    await engine.db.execute(
      sql`insert into users (id, email, name, password_hash, role) values ('bench-admin', 'admin@bench.example', 'Admin', 'x', 'admin')`,
    );
    const admin = {
      db: engine.db,
      actor: { id: "bench-admin", role: "admin" as const, name: "Admin", email: "admin@bench.example" },
    };
    for (const worker of ["a", "b"]) {
      workers.push(
        spawn(process.execPath, ["--import", "tsx", "scripts/bench/delivery-worker.mts"], {
          env: {
            ...process.env,
            DATABASE_URL: engine.url,
            BENCH_WORKER_ID: `bench-worker-${worker}`,
            LOG_LEVEL: "warn",
            NODE_ENV: "production",
            APP_ENCRYPTION_KEY: "YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWJlbiE=",
            NEXTAUTH_SECRET: "bench",
            NEXTAUTH_URL: "http://127.0.0.1:3000",
          },
          stdio: ["ignore", "pipe", "inherit"],
        }),
      );
    }
    const failing = await startReceiver("127.0.0.22", Date.now() + 5_000 + OUTAGE_MS);
    receivers.push(failing);
    process.env.APP_ENCRYPTION_KEY = "YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWJlbiE=";
    for (const receiver of receivers)
      await createChannel(admin, {
        type: "webhook",
        name: `Receiver ${receiver.host}`,
        url: receiver.url,
        events: ["alert.escalated"],
      });
    // Let the workers start before the first event.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const started = Date.now();
    const ctx = systemContext(engine.db);
    for (let index = 0; index < EVENTS; index++) {
      const due = started + (index * 1000) / RATE_PER_SECOND;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      await recordEvent(ctx, benchEvent(`bench-${index}`, new Date(due)));
    }
    const deadline = Date.now() + OUTAGE_MS + 120_000;
    while (
      receivers.some((receiver) => new Set(receiver.accepted.map((entry) => entry.id)).size < EVENTS) &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 250));
    const finished = Math.max(...receivers.flatMap((receiver) => receiver.accepted.map((entry) => entry.at)));
    const events = (await engine.db.execute(
      sql`select id, extract(epoch from occurred_at) * 1000 as at from notification_events`,
    )) as unknown as { rows: Array<{ id: string; at: string }> };
    const occurred = new Map(events.rows.map((row) => [row.id, Number(row.at)]));
    const total = receivers.reduce((sum, receiver) => sum + receiver.accepted.length, 0);
    const seconds = (finished - started) / 1000;
    const healthyDelivered = receivers.slice(0, 2).reduce((sum, receiver) => sum + receiver.accepted.length, 0);
    const healthyLast = Math.max(
      ...receivers.slice(0, 2).flatMap((receiver) => receiver.accepted.map((entry) => entry.at)),
    );
    console.log(`baseline, bare signed POSTs (2 loops, no database): ${bare.toFixed(0)} per second`);
    console.log(
      `deliveries, healthy receivers: ${healthyDelivered} in ${((healthyLast - started) / 1000).toFixed(1)} s (events published over ${(EVENTS / RATE_PER_SECOND).toFixed(0)} s)`,
    );
    console.log(
      `deliveries, all: ${total} in ${seconds.toFixed(1)} s → ${(total / seconds).toFixed(0)}/s (÷ baseline ${(total / seconds / bare).toFixed(2)}; paced by the publishing rate and the outage)`,
    );
    for (const receiver of receivers) {
      const ids = receiver.accepted.map((entry) => entry.id);
      const duplicates = ids.length - new Set(ids).size;
      const delays = receiver.accepted
        .map((entry) => entry.at - (occurred.get(entry.id) ?? entry.at))
        .sort((a, b) => a - b);
      const label = receiver === failing ? `${receiver.host} (503 for ${OUTAGE_MS / 1000} s, then up)` : receiver.host;
      console.log(
        `${label.padEnd(36)} received ${new Set(ids).size}/${EVENTS} · duplicates ${duplicates} · refused ${receiver.refused} · delay p50 ${percentile(delays, 50).toFixed(0)} ms, p99 ${percentile(delays, 99).toFixed(0)} ms`,
      );
    }
    const failingIds = failing.accepted.map((entry) => entry.id);
    const allOnce = new Set(failingIds).size === EVENTS && failingIds.length === EVENTS;
    const inOrder = failingIds.every(
      (id, index) => index === 0 || (occurred.get(id) ?? 0) >= (occurred.get(failingIds[index - 1]!) ?? 0),
    );
    console.log(
      `\nthe failing receiver got every event once it came back: ${allOnce ? "yes" : "NO"}; in event order: ${inOrder ? "yes" : "NO"}`,
    );
    const duplicates = receivers.reduce(
      (sum, receiver) => sum + receiver.accepted.length - new Set(receiver.accepted.map((entry) => entry.id)).size,
      0,
    );
    console.log(`duplicates in all: ${duplicates} (must be 0)`);

    // A backlog: the same number of events published at once, delivered to the 3 receivers (all up now).
    for (const receiver of receivers) receiver.accepted.length = 0;
    const burstStarted = Date.now();
    for (let index = 0; index < EVENTS; index++) await recordEvent(ctx, benchEvent(`bench-burst-${index}`, new Date()));
    const burstDeadline = Date.now() + 300_000;
    while (
      receivers.some((receiver) => new Set(receiver.accepted.map((entry) => entry.id)).size < EVENTS) &&
      Date.now() < burstDeadline
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    const burstEnd = Math.max(...receivers.flatMap((receiver) => receiver.accepted.map((entry) => entry.at)));
    const burstDelivered = receivers.reduce((sum, receiver) => sum + receiver.accepted.length, 0);
    const burstRate = burstDelivered / ((burstEnd - burstStarted) / 1000);
    const burstDuplicates = receivers.reduce(
      (sum, receiver) => sum + receiver.accepted.length - new Set(receiver.accepted.map((entry) => entry.id)).size,
      0,
    );
    console.log(
      `backlog of ${EVENTS} events × 3 channels, published at once: ${burstDelivered} deliveries in ${((burstEnd - burstStarted) / 1000).toFixed(1)} s → ${burstRate.toFixed(0)}/s (÷ baseline ${(burstRate / bare).toFixed(2)}), duplicates ${burstDuplicates}`,
    );
    if (duplicates + burstDuplicates > 0 || !allOnce) process.exitCode = 1;
  } finally {
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(
      workers.map(
        (worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once("exit", resolve))),
      ),
    );
    for (const receiver of receivers) await receiver.close();
    await engine.close();
  }
});
