import type { FeedWarningDTO } from "@/server/services/read-models/read-models.service";
import { describeSyncErrorType } from "@/server/shared/sync-error-types";
import { formatDateTime } from "./format";

/** Feeds that suddenly parse to nothing: not failures, but a host may have lost their calendar. */
export function FeedWarnings({ warnings }: { warnings: FeedWarningDTO[] }) {
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="feed-warnings-title" className="rounded-lg border border-amber-300 bg-amber-50">
      <h2 id="feed-warnings-title" className="border-b border-amber-200 px-4 py-3 text-lg font-semibold">
        {describeSyncErrorType("FEED_SUDDENLY_EMPTY").label}
      </h2>
      <p className="px-4 pt-3 text-sm text-amber-900">{describeSyncErrorType("FEED_SUDDENLY_EMPTY").hint}</p>
      <ul className="divide-y divide-amber-200">
        {warnings.map((warning) => (
          <li key={warning.feedId} data-testid="feed-warning" className="px-4 py-3 text-sm">
            <span className="font-medium">{warning.listing.title}</span> · {warning.provider}{" "}
            <code className="break-all text-slate-600">{warning.url}</code>
            <div className="text-amber-900">
              Vide depuis le {formatDateTime(warning.since)}
              {warning.eventCountBefore ? ` (il contenait ${warning.eventCountBefore} périodes)` : ""}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
