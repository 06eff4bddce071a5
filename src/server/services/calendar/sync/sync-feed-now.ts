import { randomUUID } from "node:crypto";
import { resolveDb, type ServiceContext } from "../../../db/transaction";
import { ConflictError } from "../../../errors";
import { recordAudit } from "../../audit/record-audit";
import { claimFeed } from "./feed-lease";
import { getFeedOrThrow, syncFeed, type SyncFeedContext, type SyncFeedResult } from "./sync-feed";

const MANUAL_LEASE_MS = 2 * 60_000;

/** A support agent's "sync now": takes the feed's lease like a worker would, so the two never overlap. */
export async function syncFeedNow(feedId: string, actorId: string, ctx: SyncFeedContext & ServiceContext = {}): Promise<SyncFeedResult> {
  const db = await resolveDb(ctx);
  await getFeedOrThrow(db, feedId);
  if (!(await claimFeed(db, feedId, `manual:${randomUUID()}`, MANUAL_LEASE_MS))) {
    throw new ConflictError("Une synchronisation de ce flux est déjà en cours. Réessayez dans un instant.");
  }
  const result = await syncFeed(feedId, { ...ctx, db });
  await recordAudit(db, { actorId, action: "calendar_feed.manual_sync", entityType: "calendar_feed", entityId: feedId, data: { outcome: result.outcome, errorType: result.errorType } });
  return result;
}
