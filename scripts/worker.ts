// npm run worker: background jobs (e-mail outbox sender). `--once` drains what is due and exits with a summary.
import { hostname } from "node:os";
import { getConfig } from "../src/server/config";
import { closeDb, getDb } from "../src/server/db/client";
import { logger } from "../src/server/logger";
import { createMailTransport } from "../src/server/services/notifications/mail-transport";
import { drainOutbox } from "../src/server/services/notifications/outbox-sender";
import { runOutboxLoop } from "../src/server/worker/outbox-loop";
import { hasFlag, runMain } from "./lib";

runMain(async () => {
  const config = getConfig();
  const db = await getDb();
  const transport = createMailTransport(config.mail);
  const senderId = `${hostname()}:${process.pid}`;
  logger.info({ mail: transport.describe(), senderId }, "worker started");

  if (hasFlag(process.argv.slice(2), "--once")) {
    const result = await drainOutbox({ db, transport, senderId, from: config.mail.from, batchSize: 100 });
    console.log(`E-mails: ${result.sent} sent, ${result.retried} to retry.`);
    transport.close();
    await closeDb();
    return result.retried > 0 ? 1 : 0;
  }

  const stop = new AbortController();
  const onSignal = () => {
    logger.info("worker stopping: finishing what it holds");
    stop.abort();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  await runOutboxLoop({ db, transport, senderId, from: config.mail.from, logger, signal: stop.signal });
  transport.close();
  await closeDb();
  logger.info("worker stopped");
});
