import { randomUUID } from "node:crypto";
import { resolveDb, type ServiceContext } from "../../../db/transaction";
import { ConflictError } from "../../../errors";
import { recordAudit } from "../../audit/record-audit";
import { claimFeed, leaseDurationMs } from "./feed-lease";
import { getConfig } from "../../../config";
import { getFeedOrThrow, syncFeed, type SyncFeedContext, type SyncFeedResult } from "./sync-feed";

/** A support agent's "sync now": takes the feed's lease like a worker would, so the two never overlap. */
export async function syncFeedNow(feedId: string, actorId: string, ctx: SyncFeedContext & ServiceContext = {}): Promise<SyncFeedResult> {
  const db = await resolveDb(ctx);
  await getFeedOrThrow(db, feedId);
  const owner = `manual:${randomUUID()}`;
  const leaseMs = leaseDurationMs(getConfig().fetch.timeoutMs);
  if (!(await claimFeed(db, feedId, owner, leaseMs))) {
    throw new ConflictError("Une synchronisation de ce flux est déjà en cours. Réessayez dans un instant.");
  }
  const result = await syncFeed(feedId, { ...ctx, db, leaseOwner: owner, leaseMs });
  await recordAudit(db, { actorId, action: "calendar_feed.manual_sync", entityType: "calendar_feed", entityId: feedId, data: { outcome: result.outcome, errorType: result.errorType } });
  return result;
}
