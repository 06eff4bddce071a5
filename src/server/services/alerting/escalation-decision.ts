import type { CalendarSyncAlert } from "../../db/schema";
import type { SyncErrorType } from "../../shared/sync-error-types";
import type { EscalationChange } from "../alerts/alerts.service";

export interface CountedFailure {
  errorType: SyncErrorType;
  occurredAt: Date;
  threshold: number;
  /** The failing feed's consecutive failures, this one included (null: the story's call counts the alert's). */
  feedConsecutiveFailures: number | null;
  feedLabel: string | null;
  /** A provider incident covers the feed. */
  hold: boolean;
  /**
   * Set when time, not a count, decides (an export link unread for EXPORT_ESCALATE_HOURS): whether it is due now, and
   * why in words.
   */
  dueByTime?: { due: boolean; reason: string };
}

/**
 * What a counted failure does to its alert, the policy's rule. The threshold is reached by the feed's consecutive
 * failures when known (the calendar stayed broken over time), else by the alert's count. It escalates an active
 * alert, unless a provider incident holds it back (then it is marked held, once) or support snoozed it: until a time
 * still ahead (the wake-up escalates it later), or until its error changes (this failure is the change when its
 * error differs from the snoozed one, or when it reaches the threshold right now; the alert then wakes).
 * Null when it changes nothing, which is most failures.
 */
export function escalationDecision(alert: CalendarSyncAlert, failure: CountedFailure): EscalationChange | null {
  const count = failure.feedConsecutiveFailures ?? alert.failedAttempts;
  const reaches = failure.dueByTime ? failure.dueByTime.due : count >= failure.threshold;
  const reachesNow = failure.dueByTime ? failure.dueByTime.due : count === failure.threshold;
  const snoozedByTime = alert.snoozedUntil !== null && alert.snoozedUntil.getTime() > failure.occurredAt.getTime();
  const wakes = alert.snoozedUntilChange && (failure.errorType !== alert.snoozedErrorType || reachesNow);
  const escalates =
    reaches && alert.status === "active" && !failure.hold && !snoozedByTime && (!alert.snoozedUntilChange || wakes);
  const hold = reaches && alert.status === "active" && failure.hold && alert.escalationHeldAt === null;
  if (!escalates && !hold && !wakes) return null;
  const feedReason =
    failure.feedConsecutiveFailures === null
      ? null
      : `${failure.feedConsecutiveFailures} échecs consécutifs sur le flux ${failure.feedLabel ?? "de l'annonce"}`;
  return {
    alertId: alert.id,
    at: failure.occurredAt,
    escalate: escalates
      ? {
          reason: failure.dueByTime?.reason ?? feedReason ?? `${alert.failedAttempts} échecs de synchronisation`,
          attempt: alert.failedAttempts,
          audit: {
            failedAttempts: alert.failedAttempts,
            threshold: failure.threshold,
            feedConsecutiveFailures: failure.feedConsecutiveFailures,
          },
        }
      : null,
    hold,
    wake: wakes ? { errorType: failure.errorType, failedAttempts: alert.failedAttempts } : null,
  };
}
