"use client";

import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import type { FeedWarningDTO } from "@/server/services/read-models/read-models.service";
import { describeSyncErrorType } from "@/server/shared/sync-error-types";
import { formatDateTime } from "./format";

/** Feeds that suddenly parse to nothing: not failures, but a host may have lost their calendar. */
export function FeedWarnings({ warnings }: { warnings: FeedWarningDTO[] }) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  if (warnings.length === 0) return null;
  const empty = describeSyncErrorType("FEED_SUDDENLY_EMPTY", locale);
  return (
    <section aria-labelledby="feed-warnings-title" className="rounded-lg border border-amber-300 bg-amber-50">
      <h2 id="feed-warnings-title" className="border-b border-amber-200 px-4 py-3 text-lg font-semibold">
        {empty.label}
      </h2>
      <p className="px-4 pt-3 text-sm text-amber-900">{empty.hint}</p>
      <ul className="divide-y divide-amber-200">
        {warnings.map((warning) => (
          <li key={warning.feedId} data-testid="feed-warning" className="px-4 py-3 text-sm">
            <span translate="no" className="font-medium">
              {warning.listing.title}
            </span>{" "}
            · {warning.provider} <code className="break-all text-slate-600">{warning.url}</code>
            <div className="text-amber-900">
              {t("emptySince", { since: formatDateTime(warning.since, locale) })}
              {warning.eventCountBefore ? t("emptyHadPeriods", { count: warning.eventCountBefore }) : ""}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
