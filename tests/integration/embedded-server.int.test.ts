import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { eq, sql } from "drizzle-orm";
import { migratePgliteInstance } from "@/server/db/migrate";
import { servePgliteOverTcp, type PgliteWireServer } from "@/server/db/pglite-wire-server";
import { connectPostgres } from "@/server/db/connect";
import type { DatabaseHandle } from "@/server/db/database";
import { calendarSyncAlerts, emailOutbox } from "@/server/db/schema";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { makeListing } from "../helpers/factories";
import { queryRows } from "@/server/db/query-rows";
import { systemContext } from "@/server/service-context";

// How the app, the worker and the tools share ./data/pglite: one process serves it, the others use node-postgres.
let instance: PGlite;
let server: PgliteWireServer;
let app: DatabaseHandle;
let worker: DatabaseHandle;

beforeAll(async () => {
  instance = await PGlite.create();
  await migratePgliteInstance(instance);
  // PGlite runs in this process: a statement blocks its event loop, so how long "recently" lasts must not hang on this
  // machine's load. Five seconds keep the app counted as served across the worker's statement below.
  server = await servePgliteOverTcp(instance, {
    host: "127.0.0.1",
    port: 0,
    password: null,
    interactiveActiveMs: 5_000,
  });
  const url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
  app = connectPostgres(url, 8, "pglite-server");
  worker = connectPostgres(url, 8, "pglite-server");
});
afterAll(async () => {
  await app.close();
  await worker.close();
  await server.close();
  await instance.close();
});

describe("embedded database served over TCP", () => {
  it("makes the worker (application_name csa-worker) pause after its turn while the app is being served", async () => {
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
    const background = new pg.Client({ connectionString: url, application_name: "csa-worker-test" });
    const interactive = new pg.Client({ connectionString: url });
    await Promise.all([background.connect(), interactive.connect()]);
    try {
      await interactive.query("create table if not exists served_order (n serial primary key, who text)");
      // The worker's statement holds the engine 400 ms while the app is active: its next one waits four times that.
      await background.query("select pg_sleep(0.4)");
      let workerDone = false;
      const fromWorker = background
        .query("insert into served_order (who) values ('worker')")
        .then(() => (workerDone = true));
      while (!workerDone && !server.connections().some((connection) => connection.queuedMessages > 0))
        await new Promise((resolve) => setTimeout(resolve, 5));
      const fromPage = interactive.query("insert into served_order (who) values ('page')");
      await Promise.all([fromWorker, fromPage]);
      const { rows } = await interactive.query<{ who: string }>("select who from served_order order by n");
      expect(rows.map((row) => row.who)).toEqual(["page", "worker"]);
    } finally {
      await Promise.all([background.end(), interactive.end()]);
    }
  });

  it("keeps one open alert and one e-mail under 50 concurrent failures from two pools", async () => {
    const listing = await makeListing(app.db);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createCalendarSyncAlert(systemContext(i % 2 ? app.db : worker.db), {
          listingId: listing.id,
          errorType: "TIMEOUT",
          errorMessage: `#${i}`,
          threshold: 3,
        }),
      ),
    );
    const alerts = await app.db.select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ failedAttempts: 50, status: "escalated" });
    await fanOutEvents(systemContext(worker.db));
    expect(
      await worker.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.dedupeKey, `calendar-sync-alert-escalated:${alerts[0]!.id}`)),
    ).toHaveLength(1);
  });

  it("answers concurrent parameterised queries each with its own result", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        queryRows<{ n: number }>(i % 2 ? app.db : worker.db, sql`select ${i}::int as n, pg_sleep(0)`),
      ),
    );
    expect(results.map((rows) => rows[0]!.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it("rolls back the transaction of a client that disconnects in the middle of it", async () => {
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: url });
    client.on("error", () => undefined);
    await client.connect();
    await client.query("begin");
    await client.query("create table half_done (x int)");
    client.connection.stream.destroy();
    const rows = await queryRows<{ exists: boolean }>(
      app.db,
      sql`select to_regclass('half_done') is not null as exists`,
    );
    expect(rows[0]!.exists).toBe(false);
  });
});
