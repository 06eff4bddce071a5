import { sql } from "drizzle-orm";
import { queryRows } from "../../db/query-rows";
import type { ServiceContext } from "../../service-context";
import { snoozedSql } from "../alerts/alerts.service";

/**
 * Escalated alerts nobody took within `afterMinutes` of their escalation and not yet told to the second level,
 * oldest first, with their listing's title. Left out: a snoozed alert, and one whose listing has a failing feed
 * under an open provider incident (the incident is being handled as one).
 */
export async function readUnownedEscalations(
  ctx: ServiceContext,
  input: { now: Date; afterMinutes: number; limit: number },
): Promise<Array<{ id: string; title: string }>> {
  const { now, afterMinutes, limit } = input;
  return queryRows<{ id: string; title: string }>(
    ctx.db,
    sql`select a.id, l.title from calendar_sync_alerts a join listings l on l.id = a.listing_id
      where a.status = 'escalated' and a.assignee_id is null and a.second_level_at is null
        and a.escalated_at <= ${now}::timestamptz - make_interval(mins => ${afterMinutes}::int)
        and not ${snoozedSql("a", sql`${now}::timestamptz`)}
        and not exists (select 1 from calendar_feeds f join provider_incidents i on i.provider_key = f.provider_key and i.status = 'open'
                        where f.listing_id = a.listing_id and f.consecutive_failures > 0)
      order by a.escalated_at
      limit ${limit}`,
  );
}
