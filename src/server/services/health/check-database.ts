import { sql } from "drizzle-orm";
import { resolveDb, type ServiceContext } from "../../db/transaction";

/** One round trip to the database; throws when it cannot be reached. */
export async function checkDatabase(ctx?: ServiceContext): Promise<{ roundTripMs: number }> {
  const started = performance.now();
  const db = await resolveDb(ctx);
  await db.execute(sql`select 1`);
  return { roundTripMs: Math.round((performance.now() - started) * 100) / 100 };
}
