import { getConfig } from "../../../config";
import { hostGuidance } from "../../../shared/host-guidance";
import { isTransient, type SyncErrorType } from "../../../shared/sync-error-types";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import type { FeedFetcher, FetchResult } from "../fetch/feed-fetcher";
import type { FeedBodyReader, ReadBody } from "../ical/feed-body-reader";
import { providerKeyOf } from "../provider-key";
import { guidanceCatalogue } from "../../../../i18n/catalogue/guidance";
import { DEFAULT_LOCALE, type Locale } from "../../../../i18n/locales";
import { translator } from "../../../../i18n/translator";

/** What the check downloaded and read, handed to the first sync so that a save fetches and parses the link once. */
export interface CheckedBody {
  response: FetchResult;
  read: ReadBody | null;
}

export type LinkCheck =
  | { verdict: "works"; events: number; checked: CheckedBody }
  | { verdict: "transient"; errorType: SyncErrorType; message: string }
  | { verdict: "refused"; errorType: SyncErrorType; message: string };

/** A real fetch and parse of a link a host is saving, answered within the request; the parse runs on the reader's threads. */
export async function checkFeedLink(
  url: string,
  fetcher: FeedFetcher,
  reader: FeedBodyReader,
  locale: Locale = DEFAULT_LOCALE,
): Promise<LinkCheck> {
  const t = translator(guidanceCatalogue, locale);
  try {
    const response = await fetcher.fetch(url);
    const read =
      response.kind === "body"
        ? await reader.read(response.body, null, {
            horizonMonths: getConfig().sync.horizonMonths,
            providerKey: providerKeyOf(url),
          })
        : null;
    return { verdict: "works", events: read?.parsed?.blockCount ?? 0, checked: { response, read } };
  } catch (error) {
    if (!(error instanceof FeedFetchError)) throw error;
    // A platform failing only for now: the link is kept and the worker retries it.
    if (isTransient(error.errorType)) {
      return {
        verdict: "transient",
        errorType: error.errorType,
        message: t("check.transient"),
      };
    }
    const guidance = hostGuidance(providerKeyOf(url), error.errorType, locale);
    return {
      verdict: "refused",
      errorType: error.errorType,
      message: t("check.refused", { reason: guidance.whatWeSaw }),
    };
  }
}

/** A fetcher and a reader that give back what the check found, once, instead of asking the platform again. */
export function replayChecked(checked: CheckedBody): { fetcher: FeedFetcher; bodyReader: FeedBodyReader } {
  return {
    fetcher: { fetch: async () => checked.response, close: async () => undefined },
    bodyReader: {
      read: async (_body, knownHash) =>
        checked.read === null || knownHash === checked.read.bodyHash
          ? { bodyHash: knownHash ?? "", parsed: null }
          : checked.read,
      close: async () => undefined,
    },
  };
}
