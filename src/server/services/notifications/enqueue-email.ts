import { newId } from "../../db/new-id";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";
import { messageIdFor } from "./message-id";
import { publishClauses, publishParameters, type NotificationEventInput } from "./channels/publish-event";

export interface OutgoingEmail {
  dedupeKey: string;
  kind: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** The dedupe key of the e-mail this one follows (the escalation its resolution answers): mail clients thread them. */
  repliesTo?: string;
  /** The same fact for the notification channels: written by the same statement. */
  event?: NotificationEventInput;
}

// Prepared: an escalation queues its e-mail on the alert ingest's path.
const enqueueStatement = preparedStatement(
  "enqueue_email_v2",
  `insert into email_outbox (id, dedupe_key, kind, recipient, subject, text_body, html_body, message_id, in_reply_to)
   values ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text)
   on conflict (dedupe_key) do nothing returning id`,
);

// The same insert, with the channels' event beside it (publishClauses from $10).
const enqueueWithEventStatement = preparedStatement(
  "enqueue_email_with_event_v1",
  `with ${publishClauses(10)}, email as (
     insert into email_outbox (id, dedupe_key, kind, recipient, subject, text_body, html_body, message_id, in_reply_to)
     values ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text)
     on conflict (dedupe_key) do nothing returning id)
   select id from email`,
);

/**
 * Queues an e-mail in the caller's transaction, and the channels' event of the same fact when given (one statement);
 * false when one with the same dedupe key was already queued.
 */
export async function enqueueEmail(ctx: ServiceContext, email: OutgoingEmail): Promise<boolean> {
  const { db } = ctx;
  const inserted = await runPrepared(db, email.event ? enqueueWithEventStatement : enqueueStatement, [
    newId(),
    email.dedupeKey,
    email.kind,
    email.recipient,
    email.subject,
    email.textBody,
    email.htmlBody,
    messageIdFor(email.dedupeKey),
    email.repliesTo ? messageIdFor(email.repliesTo) : null,
    ...(email.event ? publishParameters(email.event) : []),
  ]);
  return inserted.length === 1;
}
