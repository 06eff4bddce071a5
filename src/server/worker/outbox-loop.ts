import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { MailTransport } from "../services/notifications/mail-transport";
import { drainOutbox } from "../services/notifications/outbox-sender";
import { deliverNotifications } from "../services/notifications/notifications.service";
import {
  publishConflictResolutions,
  queueMissedConflictEmails,
  queueMissedEscalationEmails,
  sendMorningDigest,
  tellSecondLevel,
  wakeSnoozedAlerts,
} from "../services/alerting/alerting.service";
import { sleep } from "./sleep";
import { getConfig } from "../config";
import { zonedDayAndHour } from "../shared/platform-time";
import { systemContext } from "../service-context";

const MISSED_ESCALATIONS_CHECK_MS = 60_000;

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
 * Drains the e-mail outbox until the signal aborts; before each drain, the support clock (snoozed alerts wake, the
 * second level is told, the morning digest is queued) and the notification channels' deliveries. An error is logged
 * and the loop carries on.
 */
export async function runOutboxLoop(options: OutboxLoopOptions): Promise<void> {
  const { logger, signal } = options;
  const ctx = systemContext(options.db);
  let nextMissedCheck = 0;
  // The day whose digest this process saw settled (queued, by anyone, or nothing to say): not looked at again.
  let digestSettledDay = "";
  while (!signal.aborted) {
    if (Date.now() >= nextMissedCheck) {
      nextMissedCheck = Date.now() + MISSED_ESCALATIONS_CHECK_MS;
      try {
        const queued = await queueMissedEscalationEmails(ctx, {});
        if (queued) logger.warn({ queued }, "outbox: queued escalation e-mails a stopped process had not");
        const conflictEmails = await queueMissedConflictEmails(ctx, {});
        if (conflictEmails) logger.warn({ queued: conflictEmails }, "outbox: queued double-booking e-mails a stopped process had not");
      } catch (error) {
        logger.error({ err: error }, "outbox: missed escalation e-mails could not be checked");
      }
    }
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
      const published = await publishConflictResolutions(ctx);
      if (published) logger.info({ published }, "channels: conflict resolutions published");
      // The channels first: an e-mail channel's e-mails then leave in this turn's drain.
      const { fetch, mail, auth, channels } = getConfig();
      for (;;) {
        const result = await deliverNotifications(ctx, {
          workerId: options.senderId,
          supportEmail: mail.supportEmail,
          appUrl: auth.url,
          allowHosts: fetch.allowHosts,
          failingAfter: channels.failingAfter,
        });
        if (result.delivered || result.failed) logger.info(result, "channels: deliveries");
        if (result.delivered + result.failed === 0 || signal.aborted) break;
      }
    } catch (error) {
      logger.error({ err: error }, "channels: delivery failed");
    }
    try {
      for (;;) {
        const result = await drainOutbox(ctx, options);
        if (result.sent) logger.info({ sent: result.sent }, "outbox: e-mails sent");
        for (const failure of result.errors) logger.warn({ emailId: failure.id, error: failure.error }, "outbox: sending failed, will retry");
        if (result.sent + result.retried === 0 || signal.aborted) break;
      }
    } catch (error) {
      logger.error({ err: error }, "outbox: drain failed");
    }
    await sleep(options.intervalMs ?? 5_000, signal);
  }
}
