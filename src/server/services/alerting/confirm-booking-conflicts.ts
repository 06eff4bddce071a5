import { getConfig } from "../../config";
import { inTransaction, type ServiceContext } from "../../service-context";
import { recordEvent } from "../events/events.service";
import { confirmConflicts } from "../conflicts/conflicts.service";
import { conflictFactsOf } from "./conflict-facts-row";
import { readDueConflicts } from "./read-due-conflicts";

const BATCH = 100;

/**
 * A detected conflict tells nobody until it has survived a second look: both its feeds (the platform's reservations
 * count as read) were synced again since it was found (an import that changed their stays would have resolved it, had the overlap gone) and CONFLICT_CONFIRM_MINUTES
 * passed, whichever comes later. Then, in one transaction, it is marked confirmed and conflict.detected is
 * recorded (once, however many workers run it: the confirmation takes only a conflict not yet confirmed). A probable conflict further than CONFLICT_NOTIFY_DAYS
 * from its detection is never told. A conflict that closes before its second look has told nobody and says nothing. Returns how many were told.
 */
export async function confirmBookingConflicts(ctx: ServiceContext, input: { now?: Date } = {}): Promise<number> {
  const { conflicts } = getConfig();
  if (!conflicts.enabled) return 0;
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const due = await readDueConflicts(tx, {
      now,
      confirmMinutes: conflicts.confirmMinutes,
      notifyDays: conflicts.notifyDays,
      limit: BATCH,
    });
    const confirmed = await confirmConflicts(tx, { ids: due.map((row) => row.id), now });
    const rows = due.filter((row) => confirmed.has(row.id));
    for (const row of rows)
      await recordEvent(tx, {
        type: "conflict.detected",
        conflict: conflictFactsOf(row),
        hostEmail: row.host_email,
        hostLocale: row.host_locale,
        providers: row.feed_providers,
      });
    return rows.length;
  });
}
