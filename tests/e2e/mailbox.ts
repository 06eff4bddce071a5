import { afterAll, beforeAll, inject } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";
import { decodedMail } from "./mail-text";
import { connectPostgres } from "@/server/db/connect";
import { systemContext } from "@/server/service-context";
import { drainOutbox } from "@/server/services/notifications/outbox-sender";
import { createSmtpTransport } from "@/server/services/notifications/mail-transport";

export interface Mailbox {
  /** The app's database, as the spec reaches it. */
  database: ReturnType<typeof connectPostgres>;
  smtp: TestSmtpServer;
  /** The worker's sender, once: everything the outbox holds goes to this spec's SMTP server. */
  deliver(): Promise<void>;
  /** The last single-use link (`/invitation#…`, `/reinitialiser#…`) the recipient received, as a mail client shows it. */
  linkTo(recipient: string, page: "invitation" | "reinitialiser"): string | null;
}

/**
 * A spec's real SMTP server and its connection to the app's database, opened before its tests and closed after. Each
 * spec delivers under its own sender id, so specs running side by side never share an outbox lease.
 */
export function openMailbox(senderId: string): Mailbox {
  const mailbox = {
    async deliver() {
      await drainOutbox(systemContext(mailbox.database.db, "cli"), {
        transport: createSmtpTransport(mailbox.smtp.url),
        senderId,
        from: "support@example.com",
        batchSize: 500,
      });
    },
    linkTo(recipient: string, page: "invitation" | "reinitialiser") {
      const pattern = new RegExp(`(http://127\\.0\\.0\\.1:\\d+/${page}#[A-Za-z0-9_-]{43})`);
      const mails = mailbox.smtp.received.filter((received) => received.to.includes(recipient));
      return mails.length > 0 ? (pattern.exec(decodedMail(mails.at(-1)!.raw))?.[1] ?? null) : null;
    },
  } as Mailbox;
  beforeAll(async () => {
    mailbox.smtp = await startSmtpServer();
    mailbox.database = connectPostgres(inject("databaseUrl"), 2, "pglite-server");
  });
  afterAll(async () => {
    await mailbox.database.close();
    await mailbox.smtp.stop();
  });
  return mailbox;
}
