import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import pino from "pino";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeUser } from "../helpers/factories";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";
import { recordEvent } from "@/server/services/events/events.service";
import { recordHostNotice } from "@/server/services/alerting/alerting.service";
import { createChannel, fanOutEvents } from "@/server/services/notifications/notifications.service";
import { createSmtpTransport } from "@/server/services/notifications/mail-transport";
import { runOutboxLoop } from "@/server/worker/outbox-loop";
import { runChannelLoop } from "@/server/worker/channel-loop";
import { queryRows } from "@/server/db/query-rows";

let testDb: TestDatabase;
let smtp: TestSmtpServer;
beforeAll(async () => {
  testDb = await createTestDatabase();
  smtp = await startSmtpServer(0, "127.0.0.23");
});
afterAll(async () => {
  await smtp.stop();
  await testDb.close();
});

/** A webhook receiver that holds every request until released: slower than any e-mail could wait for. */
async function startHeldReceiver(host: string) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let received = 0;
  const server = http.createServer((request, response) => {
    received++;
    request.resume();
    void released.then(() => response.end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}/hooks/held`,
    received: () => received,
    release,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("the worker's mail and channel loops", () => {
  it("sends a host notice while a slow receiver holds a backlog of 200 channel events", async () => {
    const receiver = await startHeldReceiver("127.0.0.22");
    const admin = await makeUser(testDb.db, "admin");
    await createChannel(testDb.as(admin), {
      type: "webhook",
      name: "Lent",
      url: receiver.url,
      events: ["alert.escalated"],
    });
    for (let i = 0; i < 200; i++) {
      const at = new Date().toISOString();
      await recordEvent(testDb.ctx, {
        type: "alert.escalated",
        alert: {
          id: `backlog-${i}`,
          listing: { id: `listing-${i}`, title: `Annonce ${i}` },
          errorType: "HTTP_ERROR",
          errorMessage: "HTTP 500",
          failedAttempts: 3,
          escalationReason: null,
          firstFailedAt: at,
          lastFailedAt: at,
        },
        risk: { nextArrivalAt: null },
        providers: [],
      });
    }
    // The backlog is the channel's: its 200 support e-mails are set aside, so the mail loop has only the notice.
    await fanOutEvents(testDb.ctx);
    await testDb.db.execute(
      sql`delete from email_outbox where dedupe_key like 'calendar-sync-alert-escalated:backlog-%'`,
    );

    const stop = new AbortController();
    const logger = pino({ level: "silent" });
    const transport = createSmtpTransport(smtp.url);
    const loops = Promise.all([
      runChannelLoop({ db: testDb.db, workerId: "worker-a", logger, intervalMs: 50, signal: stop.signal }),
      runOutboxLoop({
        db: testDb.db,
        transport,
        senderId: "worker-a",
        from: "test@example.com",
        logger,
        intervalMs: 50,
        signal: stop.signal,
      }),
    ]);
    try {
      // The channel loop is now stuck on the receiver's first answer.
      await until(() => receiver.received() > 0, "the receiver's first request");
      const host = await makeHostUser(testDb.db);
      const listing = await makeListing(testDb.db, { ownerId: host.id });
      const feed = await makeFeed(testDb.db, listing.id, { provider: "Airbnb" });
      await recordHostNotice(testDb.ctx, {
        key: `host-notice:${feed.id}`,
        feedId: feed.id,
        errorType: "FEED_NOT_FOUND",
      });
      await until(() => smtp.received.some((mail) => mail.to.includes(host.email)), "the host notice");
      // It left before the receiver answered once: no delivery attempt is recorded yet.
      const [recorded] = await queryRows<{ n: number }>(
        testDb.db,
        sql`select count(*)::int as n from notification_attempts`,
      );
      expect(recorded!.n).toBe(0);
      expect(receiver.received()).toBe(1);
    } finally {
      stop.abort();
      receiver.release();
      await loops;
      transport.close();
      await receiver.close();
    }
  });
});
