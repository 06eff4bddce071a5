import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn as at, timestamps } from "./columns";

export const OUTBOX_STATUSES = ["pending", "sending", "sent"] as const;
export const outboxStatus = pgEnum("outbox_status", OUTBOX_STATUSES);

/**
 * Transactional outbox: an e-mail is written in the transaction of the change that causes it, then sent by
 * the outbox sender. dedupe_key makes "exactly one e-mail per event" a database constraint.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: idColumn(),
    dedupeKey: text("dedupe_key").notNull(),
    kind: text("kind").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: at("locked_until"),
    lastError: text("last_error"),
    sentAt: at("sent_at"),
    /** Ours, stable, set when queued (messageIdFor(dedupe_key)). */
    messageId: text("message_id"),
    /** The Message-ID this e-mail answers (an escalation's, for its resolution): In-Reply-To and References. */
    inReplyTo: text("in_reply_to"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("email_outbox_dedupe_key").on(t.dedupeKey),
    index("email_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} <> 'sent'`),
    index("email_outbox_sent_at_idx")
      .on(t.sentAt)
      .where(sql`${t.status} = 'sent'`),
  ],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
