import { AUDIT_INSERT } from "../audit/audit.service";
import { z } from "zod";
import { newId } from "../../db/new-id";
import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { selectList } from "../../db/select-list";
import { readAlertRow } from "./read-alert-row";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { ValidationError, words } from "../../errors";
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
  /** Failures that escalate the alert; defaults to ALERT_ESCALATION_THRESHOLD (read by the policy, ../alerting). */
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
  /** Time decides the escalation, not the count (an export link unread): see escalation-decision.ts. */
  dueByTime?: { due: boolean; reason: string };
  occurredAt?: Date;
}

export interface CountAlertFailureResult {
  alert: CalendarSyncAlert;
  /** True when this failure opened a new alert rather than counting on the open one. */
  opened: boolean;
  /** True when this failure moved the alert to escalated (exactly one failure per alert does). */
  escalated: boolean;
}

const ALERT_COLUMNS = selectList(calendarSyncAlerts);

/**
 * One statement, one round trip: the upsert on the partial unique index (concurrent failures can never open a
 * second alert) counts the failure on the row it locks, with the failure's timeline row and, for a new alert, its
 * audit row. Each counted failure is in the timeline (alert_failures), so it is not written a second time as an
 * audit row. Whether the count escalates the alert is the policy's decision (../alerting), applied by applyEscalation.
 */
const countFailureStatement = preparedStatement(
  "count_alert_failure_v6",
  `with counted as (
     insert into calendar_sync_alerts as t (id, listing_id, error_type, error_message, failed_attempts, first_failed_at, last_failed_at, status)
     values ($1::text, $2::text, $3::text, $4::text, 1, $5::timestamptz, $5::timestamptz, 'active'::alert_status)
     on conflict (listing_id) where status <> 'resolved' do update set
       failed_attempts = t.failed_attempts + 1,
       last_failed_at = greatest(t.last_failed_at, excluded.last_failed_at),
       error_type = excluded.error_type,
       error_message = excluded.error_message,
       updated_at = now()
     returning ${ALERT_COLUMNS}
   ), failure as (
     insert into alert_failures (alert_id, feed_id, error_type, error_message, occurred_at)
     select c.id, $6::text, $3::text, $4::text, $5::timestamptz from counted c
   ), audit as (
     ${AUDIT_INSERT}
     select null, null, 'calendar_sync_alert.opened', 'calendar_sync_alert', c.id,
       jsonb_build_object('listingId', $2::text, 'errorType', $3::text, 'failedAttempts', c."failedAttempts", 'feedId', $6::text)
     from counted c where c."failedAttempts" = 1
   )
   select * from counted`,
);

/**
 * Counts one failed sync of a listing: opens its alert or counts on the open one, in one statement (above). Runs in
 * the caller's transaction when given one, else on its own (the statement is atomic). Returns the alert as counted.
 */
export async function countAlertFailure(
  ctx: ServiceContext,
  input: CountAlertFailureInput & { feedId?: string | null; occurredAt?: Date },
): Promise<{ alert: CalendarSyncAlert; opened: boolean }> {
  const parsed = CreateCalendarSyncAlertInput.safeParse({
    listingId: input.listingId,
    errorType: input.errorType,
    errorMessage: input.errorMessage,
  });
  if (!parsed.success) throw new ValidationError(words("badAlert"), parsed.error.issues);
  const { listingId, errorType } = parsed.data;
  const occurredAt = input.occurredAt ?? new Date();
  const message = maskUrlsInText(parsed.data.errorMessage).slice(0, MAX_MESSAGE_LENGTH);
  const [row] = await runPrepared<Record<string, unknown>>(ctx.db, countFailureStatement, [
    newId(),
    listingId,
    errorType,
    message,
    occurredAt,
    input.feedId ?? null,
  ]);
  if (!row) throw new Error("alert upsert returned no row");
  const alert = readAlertRow(row);
  return { alert, opened: alert.failedAttempts === 1 };
}
