import { sql } from "drizzle-orm";
import type { Database } from "../../db/database";
import { queryRows } from "../../db/query-rows";
import { getConfig } from "../../config";
import { escalationDedupeKey, sendEscalationEmail } from "./send-escalation-email";

// Well inside the outbox's retention, so a sent and since deleted e-mail is never queued again.
const LOOK_BACK_MS = 86_400_000;

/**
 * An alert escalated outside a transaction (createCalendarSyncAlert alone) commits before its e-mail is queued.
 * If the process died in between, this queues it: escalated in the last day, no e-mail under its dedupe key.
 * Returns how many it queued.
 */
export async function queueMissedEscalationEmails(db: Database, now = new Date()): Promise<number> {
  const missed = await queryRows<{ id: string }>(
    db,
    sql`select a.id from calendar_sync_alerts a
        where a.status = 'escalated' and a.escalated_at > ${new Date(now.getTime() - LOOK_BACK_MS)}
          and not exists (select 1 from email_outbox o where o.dedupe_key = ${escalationDedupeKey("")} || a.id)
        limit 100`,
  );
  let queued = 0;
  for (const { id } of missed) if (await sendEscalationEmail(getConfig().mail.supportEmail, id, { db })) queued++;
  return queued;
}
