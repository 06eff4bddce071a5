import { getConfig } from "../../../config";
import { createFeedFetcher, type FeedFetcher } from "../fetch/feed-fetcher";

const store = globalThis as unknown as { __feedFetcher?: FeedFetcher };

/** The process's fetcher, configured from CALENDAR_FETCH_* (one connection pool for every sync). */
export function getDefaultFetcher(): FeedFetcher {
  store.__feedFetcher ??= createFeedFetcher(getConfig().fetch);
  return store.__feedFetcher;
}
