import {
  createFeedFetcher,
  type FeedFetcher,
  type FetcherOptions,
} from "@/server/services/calendar/fetch/feed-fetcher";

/** A fetcher for feeds served on 127.0.0.1 in tests: short timeouts, small body cap. */
export function makeTestFetcher(overrides: Partial<FetcherOptions> = {}): FeedFetcher {
  return createFeedFetcher({
    timeoutMs: 2_000,
    connectTimeoutMs: 1_000,
    maxBytes: 256 * 1024,
    allowHosts: ["127.0.0.1"],
    ...overrides,
  });
}
