import { autoResolveForListing } from "../alerts/alerts.service";
import { countFailingFeeds } from "./read-listing-feeds";
import type { ServiceContext } from "../../service-context";
import { recordAlertResolved } from "./alert-events";

/**
 * Closes the listing's open alert once none of its feeds is failing, recording alert.resolved if it had escalated:
 * by recovery, or by the host's new link. Call it inside the transaction of the change.
 */
export async function resolveAlertIfListingHealthy(
  ctx: ServiceContext,
  input: { listingId: string; how?: "recovery" | "host-link"; note?: string },
): Promise<void> {
  const { listingId, note } = input;
  if ((await countFailingFeeds(ctx, listingId)) !== 0) return;
  const resolved = await autoResolveForListing(ctx, { listingId, note });
  if (resolved) await recordAlertResolved(ctx, { alert: resolved, how: input.how ?? "recovery", by: null });
}
