import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { MailTransport } from "../services/notifications/notifications.service";
import { drainOutbox } from "../services/notifications/notifications.service";
import { fanOutEvents } from "../services/notifications/notifications.service";
import {
  confirmBookingConflicts,
  sendMorningDigest,
  tellSecondLevel,
  wakeSnoozedAlerts,
} from "../services/alerting/alerting.service";
import { sleep } from "./sleep";
import { getConfig } from "../config";
import { zonedDayAndHour } from "../shared/platform-time";
import { systemContext } from "../service-context";

/** Batches (of 20) one turn may send before the support clock runs again. */
const MAIL_BATCHES_PER_TURN = 10;

export interface OutboxLoopOptions {
  db: Database;
  transport: MailTransport;
  senderId: string;
  from: string;
  logger: Logger;
  intervalMs?: number;
  signal: AbortSignal;
}

const localDay = () => zonedDayAndHour(new Date(), getConfig().digest.timeZone).day;

/**
 * The mail loop: each turn runs the support clock (snoozed alerts wake, the second level is told, the morning digest
 * and the double bookings' second look are recorded), fans the recorded events out to e-mails and channel deliveries,
 * then sends what the outbox holds, at most MAIL_BATCHES_PER_TURN batches. It waits for nothing the channels do (runChannelLoop runs beside it). An error is
 * logged and the loop carries on.
 */
export async function runOutboxLoop(options: OutboxLoopOptions): Promise<void> {
  const { logger, signal } = options;
  const ctx = systemContext(options.db);
  // The day whose digest this process saw settled (queued, by anyone, or nothing to say): not looked at again.
  let digestSettledDay = "";
  while (!signal.aborted) {
    try {
      // Before the drain, so that the e-mail of an escalation a snooze held back leaves in this turn.
      const { woken, escalated } = await wakeSnoozedAlerts(ctx);
      if (woken) logger.info({ woken, escalated }, "support: snoozed alerts woke");
      const told = await tellSecondLevel(ctx);
      if (told) logger.info({ alerts: told }, "support: second level told of escalated alerts nobody took");
      if (localDay() !== digestSettledDay) {
        const digest = await sendMorningDigest(ctx);
        if (digest.outcome !== "not-yet") digestSettledDay = digest.day;
        if (digest.outcome === "queued") logger.info({ day: digest.day }, "support: morning digest queued");
      }
    } catch (error) {
      logger.error({ err: error }, "support: snoozed alerts could not be woken");
    }
    try {
      const confirmed = await confirmBookingConflicts(ctx);
      if (confirmed)
        logger.info({ conflicts: confirmed }, "conflicts: double bookings confirmed at their second look, told");
    } catch (error) {
      logger.error({ err: error }, "conflicts: second look failed");
    }
    try {
      // Before the drain, so that the e-mails of what was just recorded leave in this turn.
      const fannedOut = await fanOutEvents(ctx);
      if (fannedOut) logger.info({ events: fannedOut }, "notifications: events fanned out");
    } catch (error) {
      logger.error({ err: error }, "notifications: fan-out failed");
    }
    let busy = false;
    try {
      for (let batch = 0; batch < MAIL_BATCHES_PER_TURN && !signal.aborted; batch++) {
        const result = await drainOutbox(ctx, options);
        if (result.sent) logger.info({ sent: result.sent }, "outbox: e-mails sent");
        for (const failure of result.errors)
          logger.warn({ emailId: failure.id, error: failure.error }, "outbox: sending failed, will retry");
        busy = result.sent + result.retried > 0;
        if (!busy) break;
      }
    } catch (error) {
      logger.error({ err: error }, "outbox: drain failed");
    }
    // A turn that used its whole budget goes on at once: the clock runs, then the rest of the queue.
    if (!busy) await sleep(options.intervalMs ?? 5_000, signal);
  }
}
