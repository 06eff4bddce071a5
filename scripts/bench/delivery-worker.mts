// One delivery worker for npm run bench:deliveries: the channels' turn (fanOutEvents then deliverNotifications, as
// the worker's channel loop runs them) in a loop, on its own connection pool, until SIGTERM. BENCH_POLL_MS between idle turns.
import { connectPostgres } from "../../src/server/db/connect";
import { systemContext } from "../../src/server/service-context";
import { deliverNotifications, fanOutEvents } from "../../src/server/services/notifications/notifications.service";
import { getConfig } from "../../src/server/config";

const handle = connectPostgres(process.env.DATABASE_URL!, 4);
const ctx = systemContext(handle.db);
const workerId = process.env.BENCH_WORKER_ID ?? `bench-${process.pid}`;
const poll = Number(process.env.BENCH_POLL_MS ?? 200);
let stopping = false;
process.once("SIGTERM", () => {
  stopping = true;
});
const { fetch, mail, auth, channels } = getConfig();
let delivered = 0;
while (!stopping) {
  // As the worker's loops do: the recorded events become deliveries first.
  const fanned = await fanOutEvents(ctx);
  const result = await deliverNotifications(ctx, {
    workerId,
    supportEmail: mail.supportEmail,
    appUrl: auth.url,
    allowHosts: fetch.allowHosts,
    failingAfter: channels.failingAfter,
    timeoutMs: 5_000,
  });
  delivered += result.delivered;
  if (fanned + result.delivered + result.failed === 0) await new Promise((resolve) => setTimeout(resolve, poll));
}
await handle.close();
console.log(JSON.stringify({ workerId, delivered }));
