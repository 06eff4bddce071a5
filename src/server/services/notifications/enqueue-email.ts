import { newId } from "../../db/new-id";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";
import { messageIdFor } from "./message-id";

export interface OutgoingEmail {
  dedupeKey: string;
  kind: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** The dedupe key of the e-mail this one follows (the escalation its resolution answers): mail clients thread them. */
  repliesTo?: string;
}

/**
 * The head of an outbox insert, for a statement that queues its e-mail with the change that sends it (a CTE):
 * `${OUTBOX_INSERT} select id, dedupe_key, kind, recipient, subject, text_body, html_body, message_id from …`.
 */
export const OUTBOX_INSERT =
  "insert into email_outbox (id, dedupe_key, kind, recipient, subject, text_body, html_body, message_id)";

const enqueueStatement = preparedStatement(
  "enqueue_email_v2",
  `insert into email_outbox (id, dedupe_key, kind, recipient, subject, text_body, html_body, message_id, in_reply_to)
   values ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text)
   on conflict (dedupe_key) do nothing returning id`,
);

/** Queues an e-mail in the caller's transaction; false when one with the same dedupe key was already queued. */
export async function enqueueEmail(ctx: ServiceContext, email: OutgoingEmail): Promise<boolean> {
  const inserted = await runPrepared(ctx.db, enqueueStatement, [
    newId(),
    email.dedupeKey,
    email.kind,
    email.recipient,
    email.subject,
    email.textBody,
    email.htmlBody,
    messageIdFor(email.dedupeKey),
    email.repliesTo ? messageIdFor(email.repliesTo) : null,
  ]);
  return inserted.length === 1;
}
