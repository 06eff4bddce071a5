import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../service-context";
import { queryRows } from "../../db/query-rows";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";

export interface FailuresPerDay {
  /** YYYY-MM-DD in Europe/Paris, oldest first, every day present (zero included). */
  day: string;
  failures: number;
}

/** Failed sync attempts counted by alerts, per day (Paris time) over the last `days` days. */
export async function countFailuresPerDay(ctx: ServiceContext, days = 30): Promise<FailuresPerDay[]> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { db } = ctx;
  const rows = await queryRows<{ day: string; failures: number }>(
    db,
    sql`select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(f.failures, 0)::int as failures
        from generate_series((now() at time zone 'Europe/Paris')::date - (${days - 1}::int), (now() at time zone 'Europe/Paris')::date, interval '1 day') as d(day)
        left join (
          select (occurred_at at time zone 'Europe/Paris')::date as day, count(*) as failures
          from alert_failures
          where occurred_at >= now() - make_interval(days => ${days}::int)
          group by 1
        ) f on f.day = d.day::date
        order by d.day`,
  );
  return rows.map((row) => ({ day: row.day, failures: Number(row.failures) }));
}
