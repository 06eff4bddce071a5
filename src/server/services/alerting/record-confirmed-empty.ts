import { recordAudit } from "../audit/audit.service";
import { recordHostNotice } from "./alert-events";
import type { TransactionContext } from "../../service-context";

/**
 * A feed that came back empty, and a later sync confirmed it (FEED_EMPTY_CONFIRM_HOURS): its stays are gone, and
 * only the host can say whether that is right. They get the plain-language notice once per such episode.
 */
export async function recordConfirmedEmpty(
  ctx: TransactionContext,
  feed: { id: string; emptySince: Date },
): Promise<boolean> {
  const sent = await recordHostNotice(ctx, {
    key: `host-notice-empty:${feed.id}:${feed.emptySince.toISOString()}`,
    feedId: feed.id,
    errorType: "FEED_SUDDENLY_EMPTY",
  });
  if (sent)
    await recordAudit(ctx, {
      actorId: null,
      action: "calendar_feed.host_notified_empty",
      entityType: "calendar_feed",
      entityId: feed.id,
      data: { emptySince: feed.emptySince.toISOString() },
    });
  return sent;
}
