import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import pg from "pg";
import { schema, type Database, type DatabaseHandle } from "@/server/db/database";
import { connectPostgres } from "@/server/db/connect";
import { migratePgliteInstance, migratePostgres } from "@/server/db/migrate";
import { closeDb, installDatabase } from "@/server/db/client";

export const TEST_ON_POSTGRES = process.env.TEST_DB === "pg";
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  db: Database;
  kind: "pglite" | "postgres";
  /** Connection string of the PostgreSQL test database (PostgreSQL runs only). */
  url?: string;
  /** Runs the migrations again on this database, as a second process starting would. */
  migrateAgain(): Promise<void>;
  close(): Promise<void>;
}

function urlWithDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, migrated database: in-memory PGlite, or a uniquely named PostgreSQL database dropped on close. */
export async function createTestDatabase(options: { install?: boolean } = {}): Promise<TestDatabase> {
  let testDb: TestDatabase;
  if (TEST_ON_POSTGRES) {
    const name = `csa_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = urlWithDatabase(TEST_DATABASE_URL, name);
    await migratePostgres(url);
    const handle = connectPostgres(url, 20);
    testDb = {
      db: handle.db,
      kind: "postgres",
      url,
      migrateAgain: () => migratePostgres(url),
      async close() {
        await handle.close();
        const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  } else {
    const instance = await PGlite.create();
    await migratePgliteInstance(instance);
    testDb = { db: drizzle(instance, { schema }) as unknown as Database, kind: "pglite", migrateAgain: () => migratePgliteInstance(instance), close: () => instance.close() };
  }
  if (options.install !== false) {
    const handle: DatabaseHandle = { db: testDb.db, kind: testDb.kind, close: async () => undefined };
    installDatabase(handle);
  }
  return {
    ...testDb,
    async close() {
      await closeDb();
      await testDb.close();
    },
  };
}
