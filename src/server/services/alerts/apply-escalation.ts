import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { selectList } from "../../db/select-list";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { AUDIT_INSERT } from "../audit/audit.service";
import { readAlertRow } from "./read-alert-row";
import type { SyncErrorType } from "../../shared/sync-error-types";

/** What the policy decided for an alert (../alerting/escalation-decision.ts), for the store to apply. */
export interface EscalationChange {
  alertId: string;
  at: Date;
  /** Escalate now, if the alert is still active and not snoozed (or woken by this change) when the row is locked. */
  escalate: { reason: string; attempt: number; audit: Record<string, unknown> } | null;
  /** Mark that the threshold was reached while an incident held the escalation back (once). */
  hold: boolean;
  /** The failure that was the change an alert snoozed « until it changes » waited for: it wakes. */
  wake: { errorType: SyncErrorType; failedAttempts: number } | null;
}

const ALERT_COLUMNS = selectList(calendarSyncAlerts, { alias: "t" });

// The row is locked first (`prior`): of two escalations decided at once, the second finds the alert escalated and
// changes nothing. An escalation happens only to an active alert that is not snoozed, or that this very change wakes
// (a snooze set meanwhile wins).
const applyStatement = preparedStatement(
  "apply_alert_escalation_v1",
  `with prior as (
     select id, $6::jsonb is not null and snoozed_until_change as wakes,
       $2::boolean and status = 'active' and not coalesce(snoozed_until > $1::timestamptz, false)
         and (not snoozed_until_change or $6::jsonb is not null) as escalates
     from calendar_sync_alerts where id = $7::text for update
   ), changed as (
     update calendar_sync_alerts t set
       status = case when prior.escalates then 'escalated'::alert_status else t.status end,
       escalated_at = case when prior.escalates then $1::timestamptz else t.escalated_at end,
       escalation_reason = case when prior.escalates then $3::text else t.escalation_reason end,
       escalated_at_attempt = case when prior.escalates then $4::integer else t.escalated_at_attempt end,
       escalation_held_at = case when $5::boolean and t.status = 'active' and t.escalation_held_at is null then $1::timestamptz else t.escalation_held_at end,
       snoozed_until_change = case when prior.wakes then false else t.snoozed_until_change end,
       snoozed_error_type = case when prior.wakes then null else t.snoozed_error_type end,
       updated_at = case when prior.escalates or prior.wakes or ($5::boolean and t.escalation_held_at is null) then now() else t.updated_at end
     from prior where t.id = prior.id
     returning ${ALERT_COLUMNS}, prior.escalates as "escalatedNow", prior.wakes as "wokeNow"
   ), woke as (
     insert into alert_events (alert_id, kind, actor_id, data, occurred_at)
     select c.id, 'woke', null, jsonb_build_object('reason', 'change') || $6::jsonb, $1::timestamptz
     from changed c where c."wokeNow"
   ), audit as (
     ${AUDIT_INSERT}
     select null, null, 'calendar_sync_alert.escalated', 'calendar_sync_alert', c.id, $8::jsonb || jsonb_build_object('reason', $3::text)
     from changed c where c."escalatedNow"
   )
   select * from changed`,
);

/**
 * Applies the policy's decision on a counted failure or a wake-up, in one statement on the alert's locked row:
 * escalates it, marks it held, wakes it from a snooze « until it changes », with the timeline and audit rows.
 * Returns the alert after, and whether this call escalated it.
 */
export async function applyEscalation(
  ctx: ServiceContext,
  change: EscalationChange,
): Promise<{ alert: CalendarSyncAlert; escalated: boolean } | null> {
  const [row] = await runPrepared<Record<string, unknown>>(ctx.db, applyStatement, [
    change.at,
    change.escalate !== null,
    change.escalate?.reason ?? null,
    change.escalate?.attempt ?? null,
    change.hold,
    change.wake === null ? null : JSON.stringify(change.wake),
    change.alertId,
    JSON.stringify(change.escalate?.audit ?? {}),
  ]);
  if (!row) return null;
  const { escalatedNow, wokeNow: _woke, ...alert } = row;
  return { alert: readAlertRow(alert), escalated: escalatedNow === true };
}
