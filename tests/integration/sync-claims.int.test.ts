import { describe, expect, it } from "vitest";
import pino from "pino";
import { sql } from "drizzle-orm";
import { setUpSyncTestEnvironment } from "../helpers/sync-test-environment";
import { makeFeed, makeListing } from "../helpers/factories";
import { runSyncScheduler } from "@/server/worker/sync-scheduler";
import { queryRows } from "@/server/db/query-rows";
import type { Database } from "@/server/db/database";

const env = setUpSyncTestEnvironment({ timeoutMs: 3_000 });
const FEEDS = 96;
const CONCURRENCY = 2;

/** Runs work, counting the claim statements it sends (by their text: the claim takes leases FOR UPDATE SKIP LOCKED). */
async function countClaims(db: Database, work: () => Promise<unknown>): Promise<number> {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const query = client.query;
  let claims = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "");
    if (text.includes("for update skip locked") && text.includes("set lease_owner = $4")) claims++;
    return query.apply(this, args);
  };
  try {
    await work();
    return claims;
  } finally {
    client.query = query;
  }
}

async function passOver(tag: string, fastSyncMs: number) {
  const listing = await makeListing(env.db);
  for (let index = 0; index < FEEDS; index++)
    await makeFeed(env.db, listing.id, { url: `${env.feeds.baseUrl}/airbnb/${tag}-${index}.ics?t=secret` });
  let synced = 0;
  const claims = await countClaims(env.db, async () => {
    const summary = await runSyncScheduler({
      db: env.db,
      fetcher: env.fetcher,
      workerId: `claims-${tag}`,
      concurrency: CONCURRENCY,
      perProviderConcurrency: CONCURRENCY,
      perOwnerConcurrency: CONCURRENCY,
      logger: pino({ level: "silent" }),
      signal: new AbortController().signal,
      once: true,
      fastSyncMs,
    });
    synced = summary.synced;
  });
  const [left] = await queryRows<{ leased: number; unsynced: number }>(
    env.db,
    sql`select count(*) filter (where lease_owner is not null)::int as leased,
      count(*) filter (where last_attempt_at is null)::int as unsynced from calendar_feeds where listing_id = ${listing.id}`,
  );
  await env.db.execute(sql`update calendar_feeds set paused_at = now() where listing_id = ${listing.id}`);
  return { claims, synced, left: left! };
}

describe("the worker's claims keep ahead of quick syncs", () => {
  it("claims twice the concurrency while syncs are slow, and more at once while they are quick, each feed synced once", async () => {
    // Every sync counts as slow: the queue holds twice the concurrency, so each claim takes at most four feeds.
    const slow = await passOver("slow", 0);
    expect(slow.synced).toBe(FEEDS);
    expect(slow.left).toEqual({ leased: 0, unsynced: 0 });
    expect(slow.claims).toBeGreaterThanOrEqual(FEEDS / (2 * CONCURRENCY));
    // Every sync counts as quick: after the first, claims take up to eight times the concurrency.
    const quick = await passOver("quick", 3_600_000);
    expect(quick.synced).toBe(FEEDS);
    expect(quick.left).toEqual({ leased: 0, unsynced: 0 });
    expect(quick.claims).toBeLessThan(FEEDS / (2 * CONCURRENCY));
  });
});
