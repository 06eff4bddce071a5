import { randomUUID } from "node:crypto";
import type { ServiceContext } from "../../../service-context";
import { authorizeViewer } from "../../../actor";
import { BACK_OFFICE_ROLES } from "../../../auth/roles";
import { ConflictError, words } from "../../../errors";
import { recordAudit } from "../../audit/audit.service";
import { claimFeed, leaseDurationMs } from "./feed-lease";
import { feedHoldUntil } from "./feed-hold";
import { getConfig } from "../../../config";
import { getFeedOrThrow, syncFeed, type SyncFeedOptions, type SyncFeedResult } from "./sync-feed";

/**
 * A support agent's "sync now": takes the feed's lease like a worker would, so the two never overlap. It fetches even
 * while the platform asked us to wait: an explicit override, said in the audit row.
 */
export async function syncFeedNow(
  ctx: ServiceContext,
  input: { feedId: string; fetcher?: SyncFeedOptions["fetcher"] },
): Promise<SyncFeedResult> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { feedId } = input;
  const feed = await getFeedOrThrow(ctx, feedId);
  if (feed.pausedAt) throw new ConflictError(words("feedPausedLong"));
  const heldUntil = await feedHoldUntil(ctx, {
    feedId,
    now: new Date(),
    minOwners: getConfig().incidents.holdMinOwners,
  });
  const owner = `manual:${randomUUID()}`;
  const leaseMs = leaseDurationMs(getConfig().fetch.timeoutMs);
  if (!(await claimFeed(ctx, { feedId, owner, leaseMs }))) {
    throw new ConflictError(words("syncRunning"));
  }
  const result = await syncFeed(ctx, { feedId, fetcher: input.fetcher, leaseOwner: owner, leaseMs });
  await recordAudit(ctx, {
    action: "calendar_feed.manual_sync",
    entityType: "calendar_feed",
    entityId: feedId,
    data: {
      outcome: result.outcome,
      errorType: result.errorType,
      ...(heldUntil ? { overrodeHoldUntil: heldUntil.toISOString() } : {}),
    },
  });
  return result;
}
