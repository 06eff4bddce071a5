import { and, asc, eq, gt } from "drizzle-orm";
import { calendarFeeds } from "../../../db/schema";
import { providerKeyOf } from "../provider-key";
import type { ServiceContext } from "../../../service-context";

/**
 * Recomputes stored provider keys whose rule changed (a platform now matched by its registrable domain, other hosts
 * keyed with their port), from the masked URL, which keeps scheme, host and port. Run when a worker starts; a key
 * already right is not written.
 */
export async function rekeyFeedProviders(ctx: ServiceContext, input: { batchSize?: number }): Promise<number> {
  const { db } = ctx;
  const { batchSize = 1_000 } = input;
  let changed = 0;
  let after = "";
  for (;;) {
    const feeds = await db
      .select({ id: calendarFeeds.id, urlMasked: calendarFeeds.urlMasked, providerKey: calendarFeeds.providerKey })
      .from(calendarFeeds)
      .where(gt(calendarFeeds.id, after))
      .orderBy(asc(calendarFeeds.id))
      .limit(batchSize);
    for (const feed of feeds) {
      const key = providerKeyOf(feed.urlMasked);
      if (key === feed.providerKey || key === "inconnu") continue;
      await db
        .update(calendarFeeds)
        .set({ providerKey: key })
        .where(and(eq(calendarFeeds.id, feed.id), eq(calendarFeeds.providerKey, feed.providerKey)));
      changed++;
    }
    if (feeds.length < batchSize) return changed;
    after = feeds[feeds.length - 1]!.id;
  }
}
