import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../service-context";
import { queryRows } from "../../db/query-rows";
import { snoozedSql } from "../alerts/alerts.service";
import type { DigestFacts } from "../../shared/digest-facts";

const ARRIVAL_DAYS = 7;
const LISTED = 10;

/**
 * The digest's facts at `now`, what opened and resolved counted since `since`. Read by the worker (the system): no
 * viewer, and nothing of a guest.
 */
export async function readDigestFacts(ctx: ServiceContext, input: { now: Date; since: Date }): Promise<DigestFacts> {
  const { now, since } = input;
  const awake = sql`not ${snoozedSql("a", sql`${now}::timestamptz`)}`;
  const [counts] = await queryRows<Record<string, number>>(
    ctx.db,
    sql`select
      count(*) filter (where a.status <> 'resolved' and ${awake} and a.first_failed_at > ${now}::timestamptz - interval '1 day')::int as "underDay",
      count(*) filter (where a.status <> 'resolved' and ${awake} and a.first_failed_at <= ${now}::timestamptz - interval '1 day' and a.first_failed_at > ${now}::timestamptz - interval '3 days')::int as "oneToThreeDays",
      count(*) filter (where a.status <> 'resolved' and ${awake} and a.first_failed_at <= ${now}::timestamptz - interval '3 days' and a.first_failed_at > ${now}::timestamptz - interval '7 days')::int as "threeToSevenDays",
      count(*) filter (where a.status <> 'resolved' and ${awake} and a.first_failed_at <= ${now}::timestamptz - interval '7 days')::int as "overWeek",
      count(*) filter (where a.status <> 'resolved' and not (${awake}))::int as snoozed
    from calendar_sync_alerts a where a.status <> 'resolved'`,
  );
  const [happened] = await queryRows<{ opened: number; resolved: number }>(
    ctx.db,
    sql`select (select count(*)::int from calendar_sync_alerts where first_failed_at > ${since}::timestamptz and first_failed_at <= ${now}::timestamptz) as opened,
      (select count(*)::int from calendar_sync_alerts where status = 'resolved' and resolved_at > ${since}::timestamptz and resolved_at <= ${now}::timestamptz) as resolved`,
  );
  const unowned = await queryRows<{ alertId: string; title: string; total: number }>(
    ctx.db,
    sql`select a.id as "alertId", l.title, count(*) over ()::int as total
    from calendar_sync_alerts a join listings l on l.id = a.listing_id
    where a.status = 'escalated' and a.assignee_id is null and ${awake}
    order by a.escalated_at limit ${LISTED}`,
  );
  const arrivals = await queryRows<{ alertId: string; title: string; firstArrival: Date | string; total: number }>(
    ctx.db,
    sql`select a.id as "alertId", l.title, b.first_arrival as "firstArrival", count(*) over ()::int as total
    from calendar_sync_alerts a join listings l on l.id = a.listing_id
    cross join lateral (select min(starts_at) as first_arrival from calendar_blocks
      where listing_id = a.listing_id and kind <> 'blocked' and starts_at >= ${now}::timestamptz and starts_at < ${now}::timestamptz + make_interval(days => ${ARRIVAL_DAYS})) b
    where a.status <> 'resolved' and b.first_arrival is not null
    order by b.first_arrival limit ${LISTED}`,
  );
  const incidents = await queryRows<{ providerKey: string }>(
    ctx.db,
    sql`select provider_key as "providerKey" from provider_incidents where status = 'open' order by opened_at`,
  );
  const [conflicts] = await queryRows<{ certain: number; probable: number }>(
    ctx.db,
    sql`select count(*) filter (where certainty = 'certain')::int as certain, count(*) filter (where certainty = 'probable')::int as probable
    from booking_conflicts where status = 'open'`,
  );
  return {
    openByAge: {
      underDay: Number(counts?.underDay ?? 0),
      oneToThreeDays: Number(counts?.oneToThreeDays ?? 0),
      threeToSevenDays: Number(counts?.threeToSevenDays ?? 0),
      overWeek: Number(counts?.overWeek ?? 0),
    },
    snoozed: Number(counts?.snoozed ?? 0),
    unownedEscalated: {
      count: Number(unowned[0]?.total ?? 0),
      listings: unowned.map(({ alertId, title }) => ({ alertId, title })),
    },
    arrivalsAtRisk: {
      count: Number(arrivals[0]?.total ?? 0),
      listings: arrivals.map(({ alertId, title, firstArrival }) => ({
        alertId,
        title,
        firstArrival: new Date(firstArrival).toISOString(),
      })),
    },
    openedSince: Number(happened?.opened ?? 0),
    resolvedSince: Number(happened?.resolved ?? 0),
    openIncidents: incidents.map((incident) => incident.providerKey),
    openConflicts: { certain: Number(conflicts?.certain ?? 0), probable: Number(conflicts?.probable ?? 0) },
  };
}
