import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { getConfig } from "../config";
import { applyRetention } from "../services/retention/apply-retention";
import { sleep } from "./sleep";
import type { Metrics } from "../metrics/registry";

const HOUR_MS = 3_600_000;

/** Applies the retention settings once an hour until the signal aborts; an error is logged and retried next hour. */
export async function runRetentionLoop(options: { db: Database; logger: Logger; signal: AbortSignal; intervalMs?: number; metrics?: Metrics }): Promise<void> {
  const { db, logger, signal } = options;
  while (!signal.aborted) {
    try {
      const deleted = await applyRetention(db, { ...getConfig().retention, batchSize: 1_000 });
      if (Object.values(deleted).some((count) => count > 0)) logger.info(deleted, "retention: old rows deleted");
      options.metrics?.retentionDeleted.inc({ table: "calendar_sync_alerts" }, deleted.alerts);
      options.metrics?.retentionDeleted.inc({ table: "calendar_sync_runs" }, deleted.syncRuns);
      options.metrics?.retentionDeleted.inc({ table: "email_outbox" }, deleted.outbox);
      options.metrics?.retentionDeleted.inc({ table: "provider_retry_hints" }, deleted.retryHints);
      options.metrics?.retentionDeleted.inc({ table: "host_link_checks" }, deleted.linkChecks);
      options.metrics?.retentionDeleted.inc({ table: "login_throttles" }, deleted.loginThrottles);
      options.metrics?.retentionDeleted.inc({ table: "user_sessions" }, deleted.sessions);
    } catch (error) {
      logger.error({ err: error }, "retention failed");
    }
    await sleep(options.intervalMs ?? HOUR_MS, signal);
  }
}
