import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { deliverNotifications, fanOutEvents } from "../services/notifications/notifications.service";
import { sleep } from "./sleep";
import { getConfig } from "../config";
import { systemContext } from "../service-context";

export interface ChannelLoopOptions {
  db: Database;
  workerId: string;
  logger: Logger;
  intervalMs?: number;
  /** A turn's budget: events delivered per claimed channel before it is released and claimed again. */
  deliveriesPerChannel?: number;
  signal: AbortSignal;
}

/**
 * The channels' loop, beside the mail loop: a slow receiver (up to its 10 s time limit per call) holds this loop, never
 * an e-mail. Each turn fans the recorded events out, claims the due channels and delivers at most
 * `deliveriesPerChannel` events to each; a turn that did something is followed at once by the next. An error is logged and the loop carries on.
 */
export async function runChannelLoop(options: ChannelLoopOptions): Promise<void> {
  const { logger, signal } = options;
  const ctx = systemContext(options.db);
  while (!signal.aborted) {
    let busy = false;
    try {
      const { fetch, mail, auth, channels } = getConfig();
      // The mail loop fans out too: whichever turn comes first, channels need not wait for the other loop's sleep.
      const fanned = await fanOutEvents(ctx);
      const result = await deliverNotifications(ctx, {
        workerId: options.workerId,
        supportEmail: mail.supportEmail,
        appUrl: auth.url,
        allowHosts: fetch.allowHosts,
        failingAfter: channels.failingAfter,
        deliveriesPerChannel: options.deliveriesPerChannel ?? 20,
      });
      if (result.delivered || result.failed) logger.info(result, "channels: deliveries");
      // Events just fanned out may belong to channels another worker held this turn: look again at once.
      busy = fanned + result.delivered + result.failed > 0;
    } catch (error) {
      logger.error({ err: error }, "channels: delivery failed");
    }
    if (!busy) await sleep(options.intervalMs ?? 5_000, signal);
  }
}
