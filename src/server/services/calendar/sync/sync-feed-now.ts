import { randomUUID } from "node:crypto";
import { resolveDb, type ServiceContext } from "../../../db/transaction";
import { ConflictError } from "../../../errors";
import { recordAudit } from "../../audit/record-audit";
import { claimFeed, leaseDurationMs } from "./feed-lease";
import { feedHoldUntil } from "./feed-hold";
import { getConfig } from "../../../config";
import { getFeedOrThrow, syncFeed, type SyncFeedContext, type SyncFeedResult } from "./sync-feed";

/**
 * A support agent's "sync now": takes the feed's lease like a worker would, so the two never overlap. It fetches even
 * while the platform asked us to wait: an explicit override, said in the audit row.
 */
export async function syncFeedNow(feedId: string, actorId: string, ctx: SyncFeedContext & ServiceContext = {}): Promise<SyncFeedResult> {
  const db = await resolveDb(ctx);
  await getFeedOrThrow(db, feedId);
  const heldUntil = await feedHoldUntil(db, feedId, new Date(), getConfig().incidents.holdMinOwners);
  const owner = `manual:${randomUUID()}`;
  const leaseMs = leaseDurationMs(getConfig().fetch.timeoutMs);
  if (!(await claimFeed(db, feedId, owner, leaseMs))) {
    throw new ConflictError("Une synchronisation de ce flux est déjà en cours. Réessayez dans un instant.");
  }
  const result = await syncFeed(feedId, { ...ctx, db, leaseOwner: owner, leaseMs });
  await recordAudit(db, { actorId, action: "calendar_feed.manual_sync", entityType: "calendar_feed", entityId: feedId, data: { outcome: result.outcome, errorType: result.errorType, ...(heldUntil ? { overrodeHoldUntil: heldUntil.toISOString() } : {}) } });
  return result;
}
