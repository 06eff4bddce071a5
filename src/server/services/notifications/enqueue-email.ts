import { emailOutbox } from "../../db/schema";
import type { Database } from "../../db/database";

export interface OutgoingEmail {
  dedupeKey: string;
  kind: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
}

/** Queues an e-mail in the caller's transaction; false when one with the same dedupe key was already queued. */
export async function enqueueEmail(db: Database, email: OutgoingEmail): Promise<boolean> {
  const inserted = await db.insert(emailOutbox).values(email).onConflictDoNothing({ target: emailOutbox.dedupeKey }).returning({ id: emailOutbox.id });
  return inserted.length === 1;
}
