import { sql, type SQL } from "drizzle-orm";
import { calendarSyncAlerts as alerts, listings } from "../../db/schema";
import type { SyncErrorType } from "../../shared/sync-error-types";
import type { ServiceContext } from "../../service-context";
import { compileStatement, runPrepared } from "../../db/prepared-statement";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { coveringIncident, firstUpcomingBooking, staleSince, upcomingBookingCount } from "../alerts/alerts.service";
import { openAndAwake } from "./list-alerts";

/**
 * An open alert as the dashboard lists it: only what its row shows, absent rather than null, because the list
 * travels to the browser once, as the client part's props (#34), and fifty of them are most of the page.
 */
export interface DashboardAlert {
  id: string;
  title: string;
  status: "active" | "escalated";
  errorType: SyncErrorType;
  failedAttempts: number;
  lastFailedAt: string;
  /** Oldest last success among the failing feeds; absent when one never synced. */
  staleSince?: string;
  /** Stays starting within the risk window, and the first of them; absent when none. */
  upcoming?: number;
  firstUpcomingAt?: string;
  /** The name of the support or admin user on it. */
  assignee?: string;
  /** The open provider incident that covers it: the dashboard folds it under the incident. */
  incident?: { id: string; providerKey: string };
}

/** The counts above the dashboard's list, over the open alerts not snoozed. */
export interface DashboardAlertCounts {
  active: number;
  escalated: number;
  underIncident: number;
  exportSide: number;
}

export const DASHBOARD_ALERT_LIMIT = 50;

const iso = (time: SQL) => sql`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The list's rows and its counts in one statement, its text built once: the list is listAlerts' open view (most
// attempts first, snoozed left out) and the counts are its meta.counts. The open alerts are read once, with the
// incident covering each (the counts need it for all of them); the page of them is named calendar_sync_alerts so that
// the alert DTO's own fragments (stale since, upcoming stays) apply to its rows only. The rows come as JSON ready
// for the props.
const dashboardStatement = compileStatement(
  "dashboard_alerts_v3",
  sql`with awake as materialized (
      select ${alerts.id} as id, ${alerts.listingId} as listing_id, ${alerts.status} as status, ${alerts.errorType} as error_type,
        ${alerts.failedAttempts} as failed_attempts, ${alerts.lastFailedAt} as last_failed_at, ${alerts.assigneeId} as assignee_id,
        ${coveringIncident} as covering
      from ${alerts} where ${openAndAwake}
    )
    select
    (select coalesce(json_agg(json_strip_nulls(json_build_object(
          'id', ${alerts.id}, 'title', listing.title, 'status', ${alerts.status}, 'errorType', ${alerts.errorType},
          'failedAttempts', ${alerts.failedAttempts}, 'lastFailedAt', ${iso(sql`${alerts.lastFailedAt}`)},
          'staleSince', ${iso(staleSince)}, 'upcoming', nullif(${upcomingBookingCount}, 0),
          'firstUpcomingAt', ${iso(firstUpcomingBooking)}, 'assignee', assignee.name,
          'incident', case when ${alerts}.covering is null then null
            else json_build_object('id', split_part(${alerts}.covering, ' ', 1), 'providerKey', substr(${alerts}.covering, strpos(${alerts}.covering, ' ') + 1)) end
        )) order by ${alerts.failedAttempts} desc, ${alerts.lastFailedAt} desc, ${alerts.id} desc), '[]'::json)
      from (select * from awake order by failed_attempts desc, last_failed_at desc, id desc limit ${sql.raw(String(DASHBOARD_ALERT_LIMIT))}) ${alerts}
      cross join lateral (select ${listings.title} from ${listings} where ${listings.id} = ${alerts.listingId} offset 0) listing
      left join users assignee on assignee.id = ${alerts.assigneeId}
    ) as alerts,
    (select json_build_object(
        'active', count(*) filter (where status = 'active'),
        'escalated', count(*) filter (where status = 'escalated'),
        'underIncident', count(*) filter (where covering is not null),
        'exportSide', count(*) filter (where error_type = 'EXPORT_NOT_READ'))
      from awake) as counts`,
);

/** The dashboard's open alerts (at most DASHBOARD_ALERT_LIMIT) and their counts, in one round trip. */
export async function readDashboardAlerts(
  ctx: ServiceContext,
): Promise<{ alerts: DashboardAlert[]; counts: DashboardAlertCounts }> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  // Both drivers (node-postgres, PGlite) give json columns parsed.
  const [row] = await runPrepared<{ alerts: DashboardAlert[]; counts: DashboardAlertCounts }>(
    ctx.db,
    dashboardStatement,
    dashboardStatement.constants,
  );
  return row!;
}
