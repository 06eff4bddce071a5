import { sql } from "drizzle-orm";
import { queryRows } from "../../db/query-rows";
import { textList } from "../../db/text-list";
import type { ServiceContext } from "../../service-context";

/**
 * Marks these conflicts confirmed at `now`, each once: only a conflict still open and unconfirmed when its row is
 * locked, so of two workers confirming it one wins. Returns the ids it confirmed.
 */
export async function confirmConflicts(ctx: ServiceContext, input: { ids: string[]; now: Date }): Promise<Set<string>> {
  if (input.ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`update booking_conflicts set confirmed_at = ${input.now}::timestamptz, updated_at = now()
      where id = any(${textList(input.ids)}) and status = 'open' and confirmed_at is null
      returning id`,
  );
  return new Set(rows.map((row) => row.id));
}
