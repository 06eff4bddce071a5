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
  server = await servePgliteOverTcp(instance, { host: "127.0.0.1", port: 0 });
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
  it("serves the app's waiting query before the worker's (application_name csa-worker)", async () => {
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
    const holder = new pg.Client({ connectionString: url });
    const background = new pg.Client({ connectionString: url, application_name: "csa-worker-test" });
    const interactive = new pg.Client({ connectionString: url });
    await Promise.all([holder.connect(), background.connect(), interactive.connect()]);
    try {
      await holder.query("create table if not exists served_order (n serial primary key, who text)");
      await holder.query("begin");
      await holder.query("select 1");
      const queued = async (count: number) => {
        while (server.connections().filter((connection) => connection.queuedMessages > 0).length < count) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      // The worker asks first, then the page; both wait for the holder's transaction.
      const fromWorker = background.query("insert into served_order (who) values ('worker')");
      await queued(1);
      const fromPage = interactive.query("insert into served_order (who) values ('page')");
      await queued(2);
      await holder.query("commit");
      await Promise.all([fromWorker, fromPage]);
      const { rows } = await holder.query<{ who: string }>("select who from served_order order by n");
      expect(rows.map((row) => row.who)).toEqual(["page", "worker"]);
    } finally {
      await Promise.all([holder.end(), background.end(), interactive.end()]);
    }
  });

  it("keeps one open alert and one e-mail under 50 concurrent failures from two pools", async () => {
    const listing = await makeListing(app.db);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => createCalendarSyncAlert(systemContext(i % 2 ? app.db : worker.db), { listingId: listing.id, errorType: "TIMEOUT", errorMessage: `#${i}`, threshold: 3 })),
    );
    const alerts = await app.db.select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ failedAttempts: 50, status: "escalated" });
    expect(await worker.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `calendar-sync-alert-escalated:${alerts[0]!.id}`))).toHaveLength(1);
  });

  it("answers concurrent parameterised queries each with its own result", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => queryRows<{ n: number }>(i % 2 ? app.db : worker.db, sql`select ${i}::int as n, pg_sleep(0)`)),
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
    const rows = await queryRows<{ exists: boolean }>(app.db, sql`select to_regclass('half_done') is not null as exists`);
    expect(rows[0]!.exists).toBe(false);
  });
});
