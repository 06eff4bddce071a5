import { getConfig } from "../../config";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../service-context";
import type { CalendarSyncAlert } from "../../db/schema";
import { applyEscalation, isSnoozed, unsnoozeAlert, wakeDueSnoozes } from "../alerts/alerts.service";
import { getAlertDtoOrThrow, type AlertDTO } from "../alerts/alerts.service";
import { recordAlertEscalated } from "./alert-events";
import { readListingFeeds } from "./read-listing-feeds";

const WAKE_BATCH = 100;

/**
 * A woken alert that reached the threshold while snoozed escalates now, if a feed of its listing still fails that
 * many times in a row and no open provider incident covers that feed; recorded in the same transaction.
 */
async function escalateIfDue(tx: TransactionContext, alert: CalendarSyncAlert, now: Date): Promise<boolean> {
  if (alert.status !== "active" || isSnoozed(alert, now)) return false;
  const threshold = getConfig().alerts.escalationThreshold;
  const feeds = await readListingFeeds(tx, alert.listingId);
  if (feeds.failuresOutsideIncident < threshold || !feeds.worst) return false;
  const applied = await applyEscalation(tx, {
    alertId: alert.id,
    at: now,
    escalate: {
      reason: `${feeds.worst.failures} échecs consécutifs sur le flux ${feeds.worst.provider} (pendant la pause)`,
      attempt: alert.failedAttempts,
      audit: { failedAttempts: alert.failedAttempts, threshold, afterSnooze: true },
    },
    hold: false,
    wake: null,
  });
  if (!applied?.escalated) return false;
  await recordAlertEscalated(tx, applied);
  return true;
}

/** « Reprendre » by hand: the snooze ends, and an escalation it held back happens now, if the feed still fails. */
export async function endSnooze(ctx: ServiceContext, input: { alertId: string; now?: Date }): Promise<AlertDTO> {
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const woken = await unsnoozeAlert(tx, { alertId: input.alertId, now });
    await escalateIfDue(tx, woken, now);
    return getAlertDtoOrThrow(tx, woken.id);
  });
}

/**
 * The worker's wake-up, run by every worker: the alerts whose snooze time has come wake (each by one worker, SKIP
 * LOCKED), and those that reached the threshold while snoozed escalate now, recorded as events.
 * Returns how many woke.
 */
export async function wakeSnoozedAlerts(
  ctx: ServiceContext,
  input: { now?: Date } = {},
): Promise<{ woken: number; escalated: number }> {
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const woken = await wakeDueSnoozes(tx, { now, limit: WAKE_BATCH });
    let escalated = 0;
    for (const alert of woken) if (await escalateIfDue(tx, alert, now)) escalated++;
    return { woken: woken.length, escalated };
  });
}
