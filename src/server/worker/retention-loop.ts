import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { getConfig } from "../config";
import { applyRetention, type RetentionResult } from "../services/retention/retention.service";
import { sleep } from "./sleep";
import type { Metrics } from "../metrics/registry";
import { systemContext } from "../service-context";

const HOUR_MS = 3_600_000;

// The metric's label for each count retention returns; typed, so a new count cannot go unlabelled.
const TABLE_OF: Record<keyof RetentionResult, string> = {
  alerts: "calendar_sync_alerts",
  syncRuns: "calendar_sync_runs",
  outbox: "email_outbox",
  retryHints: "provider_retry_hints",
  linkChecks: "host_link_checks",
  loginThrottles: "login_throttles",
  sessions: "user_sessions",
  notificationEvents: "notification_events",
  apiKeyMinutes: "api_key_minutes",
  platformReservations: "platform_reservations",
  invitations: "account_invitations",
  exportReads: "export_reads",
  passwordResets: "password_resets",
};

/** Applies the retention settings once an hour until the signal aborts; an error is logged and retried next hour. */
export async function runRetentionLoop(options: {
  db: Database;
  logger: Logger;
  signal: AbortSignal;
  intervalMs?: number;
  metrics?: Metrics;
}): Promise<void> {
  const { db, logger, signal } = options;
  while (!signal.aborted) {
    try {
      const deleted = await applyRetention(systemContext(db), {
        settings: { ...getConfig().retention, batchSize: 1_000 },
      });
      if (Object.values(deleted).some((count) => count > 0)) logger.info(deleted, "retention: old rows deleted");
      for (const [key, table] of Object.entries(TABLE_OF) as Array<[keyof RetentionResult, string]>)
        options.metrics?.retentionDeleted.inc({ table }, deleted[key]);
    } catch (error) {
      logger.error({ err: error }, "retention failed");
    }
    await sleep(options.intervalMs ?? HOUR_MS, signal);
  }
}
