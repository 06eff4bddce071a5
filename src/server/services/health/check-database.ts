import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../service-context";

/** One round trip to the database; throws when it cannot be reached. */
export async function checkDatabase(ctx: ServiceContext): Promise<{ roundTripMs: number }> {
  const started = performance.now();
  await ctx.db.execute(sql`select 1`);
  return { roundTripMs: Math.round((performance.now() - started) * 100) / 100 };
}
