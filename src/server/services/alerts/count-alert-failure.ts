import { z } from "zod";
import { newId } from "../../db/new-id";
import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { selectList } from "../../db/select-list";
import { readAlertRow } from "./read-alert-row";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { getConfig } from "../../config";
import { ValidationError } from "../../errors";
import { maskUrlsInText } from "../../shared/mask-url";
import { SYNC_ERROR_TYPE_CODES, type SyncErrorType } from "../../shared/sync-error-types";

const MAX_MESSAGE_LENGTH = 2000;

export const CreateCalendarSyncAlertInput = z.object({
  listingId: z.string().min(1).max(64),
  errorType: z.enum(SYNC_ERROR_TYPE_CODES, { error: "code d'erreur de synchronisation inconnu" }),
  errorMessage: z.string().min(1),
});

export interface CountAlertFailureInput {
  listingId: string;
  errorType: SyncErrorType;
  errorMessage: string;
}

export interface CreateAlertOptions {
  /** Failures that escalate the alert; defaults to ALERT_ESCALATION_THRESHOLD. */
  threshold?: number;
  feedId?: string | null;
  /**
   * The failing feed's consecutive failed syncs, this one included, and its label. Given, the alert escalates
   * when that count reaches the threshold (the calendar stayed broken over time), not when the listing's failures
   * summed over its feeds do. Without it (the story's three-argument call) failedAttempts is the count.
   */
  feedConsecutiveFailures?: number;
  feedLabel?: string;
  /** A provider incident covers the feed: the failure counts, but the alert does not escalate (it is marked held). */
  holdEscalation?: boolean;
  occurredAt?: Date;
}

export interface CountAlertFailureResult {
  alert: CalendarSyncAlert;
  /** True when this failure opened a new alert rather than counting on the open one. */
  opened: boolean;
  /** True when this failure moved the alert to escalated (exactly one failure per alert does). */
  escalated: boolean;
  /** The listing's title, read in the same statement when this failure escalated (the e-mail names it), else null. */
  listingTitle: string | null;
}

// Escalation reached: by the feed's consecutive failures when given ($10), else by the alert's count after this one.
const REACHES = "coalesce($10::integer, t.failed_attempts + 1) >= $11::integer";
// Reached by this very failure (the count got there again after a recovery): a change for an alert snoozed until one.
const REACHES_NOW = "coalesce($10::integer, t.failed_attempts + 1) = $11::integer";
// Snoozed until a time still ahead: no escalation (the worker escalates it when it wakes, if it still fails).
const SNOOZED = "(t.snoozed_until is not null and t.snoozed_until > $5::timestamptz)";
// Snoozed until the error changes, and this failure is the change: it wakes (and may escalate, below).
const CHANGED = `(t.snoozed_until_change and (excluded.error_type is distinct from t.snoozed_error_type or ${REACHES_NOW}))`;
const ESCALATES = `${REACHES} and t.status = 'active' and not $7::boolean and not ${SNOOZED} and (not t.snoozed_until_change or ${CHANGED})`;

const ALERT_COLUMNS = selectList(calendarSyncAlerts);

/**
 * One statement, one round trip: the upsert on the partial unique index (concurrent failures can never open a
 * second alert), the move to escalated or held back decided inside it from the row it locked, the failure's
 * timeline row and the audit rows. escalated_at_attempt records which failure escalated: exactly one does.
 * The audit log records the alert's changes of state (opened, escalated; resolution elsewhere); each counted
 * failure is in the timeline (alert_failures), so it is not written a second time as an audit row.
 */
const countFailureStatement = preparedStatement(
  "count_alert_failure_v5",
  `with before as (
     -- The open alert as it was (the upsert's RETURNING shows it after): whether this failure woke it.
     select id, snoozed_until_change from calendar_sync_alerts where listing_id = $2::text and status <> 'resolved'
   ), counted as (
     insert into calendar_sync_alerts as t (id, listing_id, error_type, error_message, failed_attempts, first_failed_at, last_failed_at, status,
       escalated_at, escalation_reason, escalated_at_attempt, escalation_held_at)
     values ($1::text, $2::text, $3::text, $4::text, 1, $5::timestamptz, $5::timestamptz,
       case when $6::boolean and not $7::boolean then 'escalated'::alert_status else 'active'::alert_status end,
       case when $6::boolean and not $7::boolean then $5::timestamptz end,
       case when $6::boolean and not $7::boolean then $8::text end,
       case when $6::boolean and not $7::boolean then 1 end,
       case when $6::boolean and $7::boolean then $5::timestamptz end)
     on conflict (listing_id) where status <> 'resolved' do update set
       failed_attempts = t.failed_attempts + 1,
       last_failed_at = greatest(t.last_failed_at, excluded.last_failed_at),
       error_type = excluded.error_type,
       error_message = excluded.error_message,
       updated_at = now(),
       status = case when ${ESCALATES} then 'escalated'::alert_status else t.status end,
       escalated_at = case when ${ESCALATES} then $5::timestamptz else t.escalated_at end,
       escalation_reason = case when ${ESCALATES} then coalesce($9::text, (t.failed_attempts + 1) || ' échecs de synchronisation') else t.escalation_reason end,
       escalated_at_attempt = case when ${ESCALATES} then t.failed_attempts + 1 else t.escalated_at_attempt end,
       escalation_held_at = case when ${REACHES} and t.status = 'active' and $7::boolean and t.escalation_held_at is null then $5::timestamptz else t.escalation_held_at end,
       snoozed_until_change = case when ${CHANGED} then false else t.snoozed_until_change end,
       snoozed_error_type = case when ${CHANGED} then null else t.snoozed_error_type end
     returning ${ALERT_COLUMNS}
   ), woke as (
     insert into alert_events (alert_id, kind, actor_id, data, occurred_at)
     select c.id, 'woke', null, jsonb_build_object('reason', 'change', 'errorType', $3::text, 'failedAttempts', c."failedAttempts"), $5::timestamptz
     from counted c join before on before.id = c.id where before.snoozed_until_change and not c."snoozedUntilChange"
   ), failure as (
     insert into alert_failures (alert_id, feed_id, error_type, error_message, occurred_at)
     select c.id, $12::text, $3::text, $4::text, $5::timestamptz from counted c
   ), audit as (
     insert into audit_logs (actor_id, action, entity_type, entity_id, data)
     select null, 'calendar_sync_alert.opened', 'calendar_sync_alert', c.id,
       jsonb_build_object('listingId', $2::text, 'errorType', $3::text, 'failedAttempts', c."failedAttempts", 'feedId', $12::text)
     from counted c where c."failedAttempts" = 1
     union all
     select null, 'calendar_sync_alert.escalated', 'calendar_sync_alert', c.id,
       jsonb_build_object('failedAttempts', c."failedAttempts", 'threshold', $11::integer, 'feedConsecutiveFailures', $10::integer, 'reason', c."escalationReason")
     from counted c where c."escalatedAtAttempt" = c."failedAttempts"
   )
   select c.*, case when c."escalatedAtAttempt" = c."failedAttempts" then (select l.title from listings l where l.id = c."listingId") end as "listingTitle"
   from counted c`,
);

/**
 * Records one failed sync of a listing: opens its alert or counts on the open one, in one statement (above). At
 * the threshold the alert moves to escalated; what that sets off (the e-mail) is the alerting policy's, not the
 * store's. Runs in the caller's transaction when given one, else on its own (the statement is atomic).
 */
export async function countAlertFailure(
  ctx: ServiceContext,
  input: CountAlertFailureInput & CreateAlertOptions,
): Promise<CountAlertFailureResult> {
  const options = input;
  const parsed = CreateCalendarSyncAlertInput.safeParse({
    listingId: input.listingId,
    errorType: input.errorType,
    errorMessage: input.errorMessage,
  });
  if (!parsed.success) throw new ValidationError("Alerte invalide.", parsed.error.issues);
  const { listingId, errorType } = parsed.data;
  const threshold = options.threshold ?? getConfig().alerts.escalationThreshold;
  const occurredAt = options.occurredAt ?? new Date();
  const message = maskUrlsInText(parsed.data.errorMessage).slice(0, MAX_MESSAGE_LENGTH);
  const feedCount = options.feedConsecutiveFailures ?? null;
  const hold = options.holdEscalation === true;
  const feedReason =
    feedCount === null ? null : `${feedCount} échecs consécutifs sur le flux ${options.feedLabel ?? "de l'annonce"}`;
  const reachesAtFirst = (feedCount ?? 1) >= threshold;
  const [row] = await runPrepared<Record<string, unknown>>(ctx.db, countFailureStatement, [
    newId(),
    listingId,
    errorType,
    message,
    occurredAt,
    reachesAtFirst,
    hold,
    feedReason ?? "1 échecs de synchronisation",
    feedReason,
    feedCount,
    threshold,
    options.feedId ?? null,
  ]);
  if (!row) throw new Error("alert upsert returned no row");
  const { listingTitle, ...alertRow } = row;
  const alert = readAlertRow(alertRow);
  return {
    alert,
    opened: alert.failedAttempts === 1,
    escalated: alert.escalatedAtAttempt === alert.failedAttempts,
    listingTitle: typeof listingTitle === "string" ? listingTitle : null,
  };
}
