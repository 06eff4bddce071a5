import { sql } from "drizzle-orm";
import { alertEvents, calendarSyncAlerts } from "../../db/schema";
import type { TransactionContext } from "../../service-context";
import { queryRows } from "../../db/query-rows";

/**
 * An account leaves the team (disabled from « Équipe » or `user:disable`): its open alerts go back to « Non
 * assignées », each with a timeline entry saying why. One statement, in the caller's transaction.
 */
export async function releaseAssignmentsOf(
  tx: TransactionContext,
  input: { userId: string; userName: string; now: Date },
): Promise<number> {
  const { userId, userName, now } = input;
  const data = {
    assigneeId: null,
    previousAssigneeId: userId,
    previousAssigneeName: userName,
    reason: "account_disabled",
  };
  const released = await queryRows<{ alert_id: string }>(
    tx.db,
    sql`
    with released as (
      update ${calendarSyncAlerts} set assignee_id = null, updated_at = ${now}
      where assignee_id = ${userId} and status <> 'resolved'
      returning id
    )
    insert into ${alertEvents} (alert_id, kind, actor_id, data, occurred_at)
    select released.id, 'unassigned', ${tx.actor.id}, ${JSON.stringify(data)}::jsonb, ${now}
    from released
    returning alert_id`,
  );
  return released.length;
}
