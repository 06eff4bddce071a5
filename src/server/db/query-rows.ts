import type { SQL } from "drizzle-orm";
import type { Database } from "./database";

/** Runs raw SQL and returns its rows; both drivers (node-postgres and PGlite) answer with a `rows` array. */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
