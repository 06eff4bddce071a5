import path from "node:path";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 982_301_114;

/** Applies pending migrations on PostgreSQL; an advisory lock keeps concurrent starters from racing. */
export async function migratePostgres(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Applies pending migrations on a PGlite instance owned by this process. */
export async function migratePgliteInstance(instance: PGlite): Promise<void> {
  await migratePglite(drizzlePglite(instance), { migrationsFolder: MIGRATIONS_FOLDER });
}
