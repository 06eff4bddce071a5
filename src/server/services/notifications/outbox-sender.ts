import { and, eq, sql, type SQL } from "drizzle-orm";
import { emailOutbox, type OutboxEmail } from "../../db/schema";
import type { MailTransport } from "./mail-transport";
import type { ServiceContext } from "../../service-context";

export interface DrainOptions {
  transport: MailTransport;
  /** Unique per sender process: only the holder of a claim may record its outcome. */
  senderId: string;
  from: string;
  batchSize?: number;
  /** How long a claim is held; a sender that dies releases its e-mails when it expires. */
  leaseMs?: number;
  /** Tests only: a fixed instant. Otherwise the database's clock, the one that stamped `next_attempt_at`. */
  now?: Date;
}

export interface DrainResult {
  sent: number;
  retried: number;
  errors: Array<{ id: string; error: string }>;
}

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Capped exponential backoff with ±20 % jitter so a recovering SMTP server is not hit by every e-mail at once. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

// The database's clock, not the process's: `next_attempt_at` defaults to the database's now(), in microseconds, so a
// process clock read in milliseconds (or running behind the database host's) would see a just-queued e-mail as not due.
const clockOf = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);
const millisecondsOf = (ms: number): SQL => sql`(${ms}::bigint * interval '1 millisecond')`;

/** Atomically claims due e-mails (and those whose claim expired); SKIP LOCKED lets several senders share the work. */
export async function claimDueEmails(
  ctx: ServiceContext,
  input: { senderId: string; batchSize: number; leaseMs: number; now?: Date },
): Promise<OutboxEmail[]> {
  const { db } = ctx;
  const { senderId, batchSize, leaseMs, now } = input;
  const clock = clockOf(now);
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      sql`(${emailOutbox.status} = 'pending' and ${emailOutbox.nextAttemptAt} <= ${clock})
        or (${emailOutbox.status} = 'sending' and ${emailOutbox.lockedUntil} < ${clock})`,
    )
    .orderBy(emailOutbox.nextAttemptAt)
    .limit(batchSize)
    .for("update", { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      status: "sending",
      lockedBy: senderId,
      lockedUntil: sql`${clock} + ${millisecondsOf(leaseMs)}`,
      attempts: sql`${emailOutbox.attempts} + 1`,
      updatedAt: sql`now()`,
    })
    .where(sql`${emailOutbox.id} in (${due})`)
    .returning();
}

/** Sends what is due. An e-mail is marked sent only after the transport accepted it; a failure is retried later. */
export async function drainOutbox(ctx: ServiceContext, options: DrainOptions): Promise<DrainResult> {
  const { db } = ctx;
  const { transport, senderId } = options;
  const claimed = await claimDueEmails(ctx, {
    senderId,
    batchSize: options.batchSize ?? 20,
    leaseMs: options.leaseMs ?? 5 * 60_000,
    now: options.now,
  });
  const result: DrainResult = { sent: 0, retried: 0, errors: [] };
  const heldByMe = (id: string) =>
    and(eq(emailOutbox.id, id), eq(emailOutbox.lockedBy, senderId), eq(emailOutbox.status, "sending"));

  for (const email of claimed) {
    // Rows queued before Message-IDs were stored get one from their id, as then.
    const messageId = email.messageId ?? `<outbox-${email.id}@calendar-sync-alerts>`;
    const thread = email.inReplyTo ? { inReplyTo: email.inReplyTo, references: email.inReplyTo } : {};
    try {
      await transport.send({
        from: options.from,
        to: email.recipient,
        subject: email.subject,
        text: email.textBody,
        html: email.htmlBody,
        messageId,
        ...thread,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await db
        .update(emailOutbox)
        .set({
          status: "pending",
          lockedBy: null,
          lockedUntil: null,
          lastError: reason.slice(0, 1000),
          nextAttemptAt: sql`greatest(${clockOf(options.now)}, now()) + ${millisecondsOf(retryDelayMs(email.attempts))}`,
          updatedAt: sql`now()`,
        })
        .where(heldByMe(email.id));
      result.retried++;
      result.errors.push({ id: email.id, error: reason });
      continue;
    }
    await db
      .update(emailOutbox)
      .set({
        status: "sent",
        sentAt: sql`now()`,
        messageId,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        updatedAt: sql`now()`,
      })
      .where(heldByMe(email.id));
    result.sent++;
  }
  return result;
}
