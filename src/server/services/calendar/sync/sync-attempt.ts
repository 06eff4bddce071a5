import { getConfig } from "../../../config";
import { logger } from "../../../logger";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import type { FeedFetcher } from "../fetch/feed-fetcher";
import type { FeedBodyReader } from "../ical/feed-body-reader";
import { revealFeedUrl } from "../feed-url";
import type { ClaimedFeed } from "./feed-lease";

const DAY_MS = 86_400_000;

/** What fetching and reading a feed found, before anything is recorded. */
export type Attempt =
  | {
      outcome: "unchanged";
      validators?: { etag: string | null; lastModified: string | null };
      fullFetch: boolean;
      httpStatus: number;
    }
  | {
      outcome: "success";
      blockCount: number;
      blocksJson: string;
      skipped: number;
      bodyHash: string;
      etag: string | null;
      lastModified: string | null;
      fullFetch: boolean;
      httpStatus: number;
    }
  | { outcome: "warning"; errorType: "FEED_SUDDENLY_EMPTY"; message: string; httpStatus: number }
  | { outcome: "failure"; error: FeedFetchError };

/** Network and parsing, outside any transaction: nothing is held while a slow server is waited for. */
export async function attemptSync(
  feed: ClaimedFeed,
  fetcher: FeedFetcher,
  reader: FeedBodyReader,
  now: Date,
): Promise<Attempt> {
  const { sync, encryptionKey, previousEncryptionKey } = getConfig();
  // Some servers answer 304 wrongly: once a day the validators are left out to force a full download.
  const fullFetch = !feed.lastFullFetchAt || now.getTime() - feed.lastFullFetchAt.getTime() >= DAY_MS;
  try {
    let url: string;
    try {
      url = revealFeedUrl(feed, encryptionKey, previousEncryptionKey);
    } catch (error) {
      throw new FeedFetchError("UNEXPECTED_ERROR", (error as Error).message);
    }
    const response = await fetcher.fetch(url, fullFetch ? {} : { etag: feed.etag, lastModified: feed.lastModified });
    if (response.kind === "not-modified") return { outcome: "unchanged", fullFetch: false, httpStatus: 304 };
    const validators = { etag: response.etag, lastModified: response.lastModified };
    const read = await reader.read(response.body, feed.emptySince === null ? feed.bodyHash : null, {
      now,
      horizonMonths: sync.horizonMonths,
      providerKey: feed.providerKey,
    });
    const { bodyHash, parsed } = read;
    if (parsed === null) return { outcome: "unchanged", validators, fullFetch, httpStatus: response.httpStatus };
    if (parsed.blockCount === 0 && (feed.eventCount ?? 0) > 0) {
      const confirmed =
        feed.emptySince !== null && now.getTime() - feed.emptySince.getTime() >= sync.emptyConfirmHours * 3_600_000;
      if (!confirmed) {
        return {
          outcome: "warning",
          errorType: "FEED_SUDDENLY_EMPTY",
          message: `Le flux ne contient plus aucun événement (il en avait ${feed.eventCount}) : réservations importées conservées jusqu'à confirmation.`,
          httpStatus: response.httpStatus,
        };
      }
    }
    return {
      outcome: "success",
      blockCount: parsed.blockCount,
      blocksJson: parsed.blocksJson,
      skipped: parsed.skipped,
      bodyHash,
      ...validators,
      fullFetch,
      httpStatus: response.httpStatus,
    };
  } catch (error) {
    if (error instanceof FeedFetchError) return { outcome: "failure", error };
    // Recorded as UNEXPECTED_ERROR for support; the stack goes to the operators' log.
    logger.error({ err: error, feedId: feed.id }, "unexpected error while syncing a feed");
    return {
      outcome: "failure",
      error: new FeedFetchError(
        "UNEXPECTED_ERROR",
        `Erreur interne pendant la synchronisation : ${(error as Error).message}`,
      ),
    };
  }
}
