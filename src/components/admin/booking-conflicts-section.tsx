"use client";

import Link from "next/link";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { conflictsCatalogue } from "@/i18n/catalogue/conflicts";
import type { ConflictDTO } from "@/server/services/read-models/read-models.service";
import {
  conflictHeadline,
  conflictPeriod,
  directBookingRival,
  nightsText,
  untilFirstNight,
} from "@/server/shared/conflict-words";

const providersOf = (conflict: ConflictDTO) => [conflict.stays[0].provider, conflict.stays[1].provider] as const;
// The platform's own guest double-booked costs the most: those rows come first, the soonest first within each kind.
const directFirst = (conflicts: ConflictDTO[]) =>
  [...conflicts].sort(
    (a, b) =>
      Number(directBookingRival(providersOf(b)) !== null && b.certainty === "certain") -
      Number(directBookingRival(providersOf(a)) !== null && a.certainty === "certain"),
  );

/** Double bookings above the sync alerts: the harm itself, the soonest first. Nothing when there are none. */
export function BookingConflictsSection({
  conflicts,
  total,
  renderedAt,
}: {
  conflicts: ConflictDTO[];
  total: number;
  renderedAt: number;
}) {
  const t = useTranslator(conflictsCatalogue);
  const locale = useLocale();
  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-title" className="rounded-lg border-2 border-red-600 bg-red-50">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-red-200 px-4 py-3">
        <h2 id="conflicts-title" className="text-lg font-semibold text-red-900">
          {t("sectionTitle", { total })}
        </h2>
        <Link href="/admin/conflits" className="text-sm font-medium text-red-900 underline-offset-2 hover:underline">
          {t("allConflicts")}
        </Link>
      </div>
      <ul className="divide-y divide-red-200">
        {directFirst(conflicts).map((conflict) => (
          <li
            key={conflict.id}
            data-testid="conflict-row"
            className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 text-sm"
          >
            <span className="rounded bg-red-700 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-white">
              {conflictHeadline({ certainty: conflict.certainty, providers: providersOf(conflict) }, locale)}
            </span>
            <Link
              href={`/admin/conflits/${conflict.id}`}
              className="font-medium text-red-950 underline-offset-2 hover:underline"
            >
              <span translate="no">{conflict.listingTitle}</span>
            </Link>
            <span>
              {t("nightsPeriod", {
                nights: nightsText(conflict.nights, locale),
                period: conflictPeriod(conflict.firstNight, conflict.lastNight, locale),
              })}{" "}
              · {t("providersPair", { a: conflict.stays[0].provider, b: conflict.stays[1].provider })}
            </span>
            <strong className="text-red-900">{untilFirstNight(conflict.firstNight, renderedAt, locale)}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
