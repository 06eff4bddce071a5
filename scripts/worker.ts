// npm run worker: the calendar sync scheduler and the e-mail outbox sender.
// `npm run worker -- --once` syncs every due feed and sends due e-mails once, then exits with a summary.
import { hostname } from "node:os";
import { getConfig } from "../src/server/config";
import { closeDb, getDb, installDatabase } from "../src/server/db/client";
import { connectDatabase } from "../src/server/db/connect";
import { BACKGROUND_APPLICATION_PREFIX } from "../src/server/db/pglite-wire-server";
import { logger } from "../src/server/logger";
import { encryptLegacyFeedUrls } from "../src/server/services/calendar/feed-url";
import { rekeyFeedProviders } from "../src/server/services/calendar/feeds/rekey-providers";
import { createFeedFetcher } from "../src/server/services/calendar/fetch/feed-fetcher";
import { createParsePool } from "../src/server/services/calendar/ical/parse-pool";
import { getMetrics } from "../src/server/metrics/registry";
import { serveWorkerMetrics } from "../src/server/metrics/serve-worker-metrics";
import { createMailTransport } from "../src/server/services/notifications/mail-transport";
import { drainOutbox } from "../src/server/services/notifications/outbox-sender";
import { runOutboxLoop } from "../src/server/worker/outbox-loop";
import { runChannelLoop } from "../src/server/worker/channel-loop";
import { runSyncScheduler } from "../src/server/worker/sync-scheduler";
import { runRetentionLoop } from "../src/server/worker/retention-loop";
import { runExportCheckLoop } from "../src/server/worker/export-check-loop";
import { runEmbeddedMaintenanceLoop } from "../src/server/worker/embedded-maintenance-loop";
import { hasFlag, runMain } from "./lib";
import { systemContext } from "../src/server/service-context";

runMain(async () => {
  const config = getConfig();
  // Each sync in flight may hold a connection while it records: the pool follows the concurrency.
  // Named, so that the embedded database's server caps the worker's share of the engine while pages are served.
  const handle = await connectDatabase({
    ...config.database,
    poolSize: config.worker.poolSize,
    applicationName: BACKGROUND_APPLICATION_PREFIX,
  });
  installDatabase(handle);
  const db = await getDb();
  const ctx = systemContext(db);
  const encrypted = await encryptLegacyFeedUrls(ctx, config.encryptionKey);
  if (encrypted) logger.info({ encrypted }, "encrypted feed URLs stored before encryption existed");
  const rekeyed = await rekeyFeedProviders(ctx, {});
  if (rekeyed) logger.info({ rekeyed }, "provider keys recomputed by the current rule");
  const transport = createMailTransport(config.mail);
  const fetcher = createFeedFetcher(config.fetch);
  // Compiled (dist/worker.mjs) the thread entry is dist/parse-thread.mjs; under tsx, the TypeScript source.
  const compiled = import.meta.url.endsWith(".mjs");
  const bodyReader = createParsePool({
    entry: compiled
      ? new URL("./parse-thread.mjs", import.meta.url)
      : new URL("../src/server/services/calendar/ical/parse-thread.ts", import.meta.url),
    typescript: !compiled,
    threads: config.worker.parseThreads,
    thresholdBytes: config.worker.parseOffThreadBytes,
    timeLimitMs: config.worker.parseTimeLimitMs,
  });
  const workerId = `${hostname()}:${process.pid}`;
  const stop = new AbortController();
  const onSignal = () => {
    logger.info("worker stopping: finishing the syncs it holds");
    stop.abort();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  logger.info(
    {
      workerId,
      mail: transport.describe(),
      concurrency: config.sync.concurrency,
      poolSize: config.worker.poolSize,
      intervalMinutes: config.sync.intervalMinutes,
    },
    "worker started",
  );

  const metrics = getMetrics();
  const metricsServer = config.worker.metricsPort
    ? await serveWorkerMetrics(metrics.registry, config.worker.metricsPort, config.worker.metricsHost)
    : null;
  if (metricsServer)
    logger.info({ url: `http://${config.worker.metricsHost}:${metricsServer.port}/metrics` }, "worker metrics served");
  const schedulerOptions = {
    db,
    fetcher,
    bodyReader,
    metrics,
    workerId,
    concurrency: config.sync.concurrency,
    logger,
    signal: stop.signal,
  };
  try {
    if (hasFlag(process.argv.slice(2), "--once")) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const summary = await runSyncScheduler({ ...schedulerOptions, once: true });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const mail = await drainOutbox(ctx, { transport, senderId: workerId, from: config.mail.from, batchSize: 100 });
      const byType = Object.entries(summary.failuresByType)
        .map(([type, count]) => `${type}: ${count}`)
        .join(", ");
      console.log(
        `Feeds: ${summary.synced} synced (${summary.warnings} with a warning), ${summary.failed} failed${byType ? ` (${byType})` : ""}.`,
      );
      const total = summary.synced + summary.failed;
      const peakMiB = process.resourceUsage().maxRSS / 1024;
      console.log(
        `Took ${seconds.toFixed(1)} s (${(total / Math.max(seconds, 0.001)).toFixed(1)} feeds/s), peak RSS ${peakMiB.toFixed(0)} MiB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s.`,
      );
      console.log(`E-mails: ${mail.sent} sent, ${mail.retried} to retry.`);
      return 0;
    }
    await Promise.all([
      runSyncScheduler(schedulerOptions),
      runOutboxLoop({ db, transport, senderId: workerId, from: config.mail.from, logger, signal: stop.signal }),
      runChannelLoop({ db, workerId, logger, signal: stop.signal }),
      runRetentionLoop({ db, logger, signal: stop.signal, metrics }),
      runExportCheckLoop({ db, logger, signal: stop.signal }),
      // PostgreSQL has autovacuum and its checkpointer; the embedded engine has neither.
      handle.kind === "postgres"
        ? Promise.resolve()
        : runEmbeddedMaintenanceLoop({
            db,
            logger,
            signal: stop.signal,
            checkpointAfterMs: config.database.maintenanceMinutes * 60_000,
          }),
    ]);
  } finally {
    transport.close();
    await fetcher.close();
    await bodyReader.close();
    await metricsServer?.close();
    await closeDb();
  }
  logger.info("worker stopped");
});
