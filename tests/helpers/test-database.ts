import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { drizzle } from "drizzle-orm/pglite";
import { schema, type Database, type DatabaseHandle } from "@/server/db/database";
import { connectPostgres } from "@/server/db/connect";
import { migratePgliteInstance, migratePostgres } from "@/server/db/migrate";
import { closeDb, installDatabase } from "@/server/db/client";
import { createScratchDatabase } from "@/server/db/scratch-database";
import { systemContext, type ServiceContext } from "@/server/service-context";
import type { Actor } from "@/server/actor";

export const TEST_ON_POSTGRES = process.env.TEST_DB === "pg";
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  db: Database;
  /** The worker's context on this database: the system acts. */
  ctx: ServiceContext;
  /** A context on this database acting as `actor` (a viewer, a host). */
  as(actor: Actor): ServiceContext;
  kind: "pglite" | "postgres";
  /** Connection string of the PostgreSQL test database (PostgreSQL runs only). */
  url?: string;
  /** Runs the migrations again on this database, as a second process starting would. */
  migrateAgain(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a uniquely named PostgreSQL database dropped on close. */
export async function createTestDatabase(options: { install?: boolean } = {}): Promise<TestDatabase> {
  let testDb: Omit<TestDatabase, "ctx" | "as">;
  if (TEST_ON_POSTGRES) {
    const scratch = await createScratchDatabase(TEST_DATABASE_URL, "csa_test");
    const handle = connectPostgres(scratch.url, 20);
    testDb = {
      db: handle.db,
      kind: "postgres",
      url: scratch.url,
      migrateAgain: () => migratePostgres(scratch.url),
      async close() {
        await handle.close();
        await scratch.drop();
      },
    };
  } else {
    const template = inject("pgliteTemplate");
    const instance = template
      ? await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) })
      : await PGlite.create();
    // Already migrated when loaded from the template: this then only checks that nothing is left to apply.
    await migratePgliteInstance(instance);
    testDb = {
      db: drizzle(instance, { schema }) as unknown as Database,
      kind: "pglite",
      migrateAgain: () => migratePgliteInstance(instance),
      close: () => instance.close(),
    };
  }
  if (options.install !== false) {
    const handle: DatabaseHandle = { db: testDb.db, kind: testDb.kind, close: async () => undefined };
    installDatabase(handle);
  }
  return {
    ...testDb,
    ctx: systemContext(testDb.db),
    as: (actor) => ({ db: testDb.db, actor }),
    async close() {
      await closeDb();
      await testDb.close();
    },
  };
}
