import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing } from "../helpers/factories";
import { startSmtpServer } from "../helpers/smtp-server";
import { emailOutbox } from "@/server/db/schema";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { enqueueEmail } from "@/server/services/notifications/enqueue-email";
import { drainOutbox, retryDelayMs } from "@/server/services/notifications/outbox-sender";
import { createFileTransport, createSmtpTransport } from "@/server/services/notifications/mail-transport";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

const FROM = "Alertes calendrier <no-reply@example.com>";

async function queue(count: number, prefix: string): Promise<string[]> {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  for (const key of keys) {
    await enqueueEmail(testDb.ctx, {
      dedupeKey: key,
      kind: "test",
      recipient: "support@example.com",
      subject: `Objet ${key}`,
      textBody: "texte",
      htmlBody: "<p>html</p>",
    });
  }
  return keys;
}

describe("escalation e-mail through the outbox", () => {
  it("is accepted by a real SMTP server, in French, with the alert's details and link but no feed URL", async () => {
    const smtp = await startSmtpServer();
    const transport = createSmtpTransport(smtp.url);
    try {
      const listing = await makeListing(testDb.db, { title: "Chalet des Aiguilles" });
      let alertId = "";
      for (let i = 0; i < 3; i++) {
        const { alert } = await createCalendarSyncAlert(testDb.ctx, {
          listingId: listing.id,
          errorType: "FEED_NOT_FOUND",
          errorMessage: "HTTP 404 from https://www.airbnb.fr/calendar/ical/42.ics?s=TOPSECRET",
          threshold: 3,
        });
        alertId = alert.id;
      }
      await fanOutEvents(testDb.ctx);
      const result = await drainOutbox(testDb.ctx, { transport, senderId: "sender-a", from: FROM });
      expect(result).toMatchObject({ sent: 1, retried: 0 });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail.to).toEqual(["support@example.com"]);
      const decoded = mail.raw
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      const body = Buffer.from(decoded, "latin1").toString("utf8");
      expect(body).toContain("Chalet des Aiguilles");
      expect(body).toContain(listing.id);
      expect(body).toContain("Calendrier introuvable (404)");
      expect(body).toContain("Tentatives échouées : 3");
      expect(body).toContain(`/admin/alerts/calendar-sync/${alertId}`);
      expect(mail.raw).not.toContain("TOPSECRET");
      expect(body).not.toContain("ical/42.ics");
      const [row] = await testDb.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.kind, "calendar_sync_alert.escalated"));
      expect(row).toMatchObject({ status: "sent", attempts: 1 });
      expect(mail.messageId).toBe(row!.messageId);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });

  it("keeps an e-mail when the SMTP server is down and sends it once it is back", async () => {
    // A port freed on an address no other test listens on: it stays free (on 127.0.0.1 a parallel test file's
    // server could take it, and the « down » server would answer).
    const probe = await startSmtpServer(0, "127.0.0.99");
    const port = probe.port;
    await probe.stop();
    const transport = createSmtpTransport(`smtp://127.0.0.99:${port}`);
    const [key] = await queue(1, `retry-${Date.now()}`);

    const down = await drainOutbox(testDb.ctx, { transport, senderId: "sender-a", from: FROM });
    expect(down.sent).toBe(0);
    expect(down.retried).toBeGreaterThanOrEqual(1);
    const [waiting] = await testDb.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, key!));
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
    expect(waiting!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // Not due yet: nothing is attempted before the backoff elapses.
    expect((await drainOutbox(testDb.ctx, { transport, senderId: "sender-a", from: FROM })).sent).toBe(0);

    const smtp = await startSmtpServer(port, "127.0.0.99");
    try {
      const later = new Date(waiting!.nextAttemptAt.getTime() + 1000);
      const back = await drainOutbox(testDb.ctx, { transport, senderId: "sender-a", from: FROM, now: later });
      expect(back.sent).toBeGreaterThanOrEqual(1);
      expect(smtp.received.filter((mail) => mail.subject === `Objet ${key}`)).toHaveLength(1);
      const [sent] = await testDb.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, key!));
      expect(sent).toMatchObject({ status: "sent", attempts: 2 });
    } finally {
      transport.close();
      await smtp.stop();
    }
  });

  it("sends an e-mail queued a moment ago: what is due is decided by the database's clock, the one that stamped it", async () => {
    // The queue stamps next_attempt_at with the database's now(), in microseconds. Compared with the process's clock,
    // in milliseconds, an e-mail queued within the same millisecond looked not yet due (most of the time on PostgreSQL).
    const smtp = await startSmtpServer();
    const transport = createSmtpTransport(smtp.url);
    try {
      const prefix = `at-once-${Date.now()}`;
      for (let i = 0; i < 20; i++) {
        const [key] = await queue(1, `${prefix}-${i}`);
        const result = await drainOutbox(testDb.ctx, { transport, senderId: "sender-a", from: FROM });
        expect({ key, sent: result.sent }).toEqual({ key, sent: 1 });
      }
      expect(smtp.received.filter((mail) => mail.subject?.startsWith(`Objet ${prefix}`))).toHaveLength(20);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });

  it("never sends an e-mail twice with two senders draining at once", async () => {
    const smtp = await startSmtpServer();
    const [transportA, transportB] = [createSmtpTransport(smtp.url), createSmtpTransport(smtp.url)];
    try {
      const keys = await queue(30, `pair-${Date.now()}`);
      const drainUntilEmpty = async (senderId: string, transport: typeof transportA) => {
        let total = 0;
        for (;;) {
          const { sent } = await drainOutbox(testDb.ctx, { transport, senderId, from: FROM, batchSize: 4 });
          if (sent === 0) return total;
          total += sent;
        }
      };
      const [a, b] = await Promise.all([
        drainUntilEmpty("sender-a", transportA),
        drainUntilEmpty("sender-b", transportB),
      ]);
      expect(a + b).toBe(30);
      const subjects = smtp.received
        .map((mail) => mail.subject)
        .filter((subject) => subject?.startsWith("Objet pair-"));
      expect(subjects).toHaveLength(30);
      expect(new Set(subjects).size).toBe(30);
      const rows = await testDb.db.select().from(emailOutbox).where(inArray(emailOutbox.dedupeKey, keys));
      expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
    } finally {
      transportA.close();
      transportB.close();
      await smtp.stop();
    }
  });

  it("takes back an e-mail whose sender died holding it, once the lease expires", async () => {
    const smtp = await startSmtpServer();
    const transport = createSmtpTransport(smtp.url);
    try {
      const [key] = await queue(1, `lease-${Date.now()}`);
      const now = new Date(Date.now() + 10 * 60_000);
      // A sender claims it and dies before sending: simulated by claiming with a transport that never returns.
      const hanging = {
        send: () => new Promise<void>(() => undefined),
        describe: () => "hang",
        close: () => undefined,
      };
      void drainOutbox(testDb.ctx, { transport: hanging, senderId: "dead", from: FROM, leaseMs: 1000, now });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [held] = await testDb.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, key!));
      expect(held).toMatchObject({ status: "sending", lockedBy: "dead" });
      expect((await drainOutbox(testDb.ctx, { transport, senderId: "alive", from: FROM, now })).sent).toBe(0);
      const afterLease = new Date(now.getTime() + 2000);
      expect((await drainOutbox(testDb.ctx, { transport, senderId: "alive", from: FROM, now: afterLease })).sent).toBe(
        1,
      );
      expect(smtp.received.filter((mail) => mail.subject === `Objet ${key}`)).toHaveLength(1);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });

  it("writes .eml files when no SMTP server is configured", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "mail-"));
    const transport = createFileTransport(directory);
    await transport.send({
      from: FROM,
      to: "support@example.com",
      subject: "Essai",
      text: "Bonjour",
      html: "<p>Bonjour</p>",
      messageId: "<outbox-x@calendar-sync-alerts>",
    });
    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    expect(await readFile(path.join(directory, files[0]!), "utf8")).toContain("Subject: Essai");
  });

  it("backs off exponentially, capped at one hour", () => {
    const noJitter = () => 0.5;
    expect(retryDelayMs(1, noJitter)).toBe(30_000);
    expect(retryDelayMs(2, noJitter)).toBe(60_000);
    expect(retryDelayMs(20, noJitter)).toBe(3_600_000);
  });
});
