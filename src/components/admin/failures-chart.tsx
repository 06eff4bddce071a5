"use client";

import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import type { Locale } from "@/i18n/locales";
import type { FailuresPerDay } from "@/server/services/read-models/read-models.service";
import { formatShortDate } from "./format";
import { formatMessage } from "@/server/shared/messages";

// Days are calendar dates; noon UTC keeps them on the same date in Europe/Paris.
const dayLabelIn = (locale: Locale) => (day: string) => formatShortDate(`${day}T12:00:00Z`, locale);

/** Failed sync attempts per day over the last 30 days: fixed-size bars, so nothing shifts when data arrives. */
export function FailuresChart({ days }: { days: FailuresPerDay[] }) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  const dayLabel = dayLabelIn(locale);
  const max = Math.max(1, ...days.map((day) => day.failures));
  const total = days.reduce((sum, day) => sum + day.failures, 0);
  const peak = days.reduce(
    (best, day) => (day.failures > best.failures ? day : best),
    days[0] ?? { day: "", failures: 0 },
  );
  const summary = formatMessage(
    "failuresSummary",
    { total, peak: peak.failures, day: peak.day ? dayLabel(peak.day) : "" },
    locale,
  );
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{t("failuresPerDay")}</span>
        <span className="text-sm text-slate-600">{summary}</span>
      </figcaption>
      <div role="img" aria-label={summary} className="flex h-24 items-end gap-[2px]">
        {days.map((day) => (
          <div
            key={day.day}
            title={t("dayFailures", {
              day: dayLabel(day.day),
              failures: formatMessage("failures", { count: day.failures }, locale),
            })}
            className={`flex-1 rounded-t ${day.failures ? "bg-red-500" : "bg-slate-200"}`}
            style={{ height: `${Math.max(4, (day.failures / max) * 100)}%` }}
          />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-500" aria-hidden="true">
        <span>{days[0] ? dayLabel(days[0].day) : ""}</span>
        <span>{days.at(-1) ? dayLabel(days.at(-1)!.day) : ""}</span>
      </div>
    </figure>
  );
}
