import { getConfig } from "../../../config";
import { hostGuidance } from "../../../shared/host-guidance";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import type { FeedFetcher } from "../fetch/feed-fetcher";
import { parseIcal } from "../ical/parse-ical";
import { providerKeyOf } from "../provider-key";

// A platform failing only for now: the link is kept and the worker retries it.
const TRANSIENT = new Set(["REMOTE_SERVER_ERROR", "TIMEOUT", "RATE_LIMITED", "CONNECTION_FAILED", "UNEXPECTED_ERROR"]);

export type LinkCheck =
  | { verdict: "works"; events: number }
  | { verdict: "transient"; errorType: string; message: string }
  | { verdict: "refused"; errorType: string; message: string };

/** A real fetch and parse of a link a host is saving, answered within the request. */
export async function checkFeedLink(url: string, fetcher: FeedFetcher): Promise<LinkCheck> {
  try {
    const response = await fetcher.fetch(url);
    const events = response.kind === "body" ? parseIcal(response.body, { horizonMonths: getConfig().sync.horizonMonths }).blocks.length : 0;
    return { verdict: "works", events };
  } catch (error) {
    if (!(error instanceof FeedFetchError)) throw error;
    if (TRANSIENT.has(error.errorType)) {
      return { verdict: "transient", errorType: error.errorType, message: "La plateforme ne répond pas correctement pour le moment : le lien est enregistré et nous réessaierons automatiquement." };
    }
    const guidance = hostGuidance(providerKeyOf(url), error.errorType);
    const said = guidance.whatWeSaw.charAt(0).toUpperCase() + guidance.whatWeSaw.slice(1);
    return { verdict: "refused", errorType: error.errorType, message: `Ce lien ne peut pas être utilisé : ${said}` };
  }
}
