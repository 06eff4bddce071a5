"use client";

import type { AlertDTO } from "@/server/services/alerts/alerts.service";
import { useLocale, useTranslator } from "@/i18n/locale-context";
import { alertsCatalogue } from "@/i18n/catalogue/alerts";
import { formatDateTime, formatDuration, formatShortDate } from "./format";

/** How long the calendar has been stale and the next stay it puts at risk. */
export function AlertRisk({
  alert,
  now,
}: {
  alert: Pick<AlertDTO, "status" | "staleSince" | "upcomingBookings">;
  now: number;
}) {
  const t = useTranslator(alertsCatalogue);
  const locale = useLocale();
  if (alert.status === "resolved") return null;
  return (
    <div className="text-sm text-slate-700">
      <span
        title={alert.staleSince ? t("lastSuccessTitle", { when: formatDateTime(alert.staleSince, locale) }) : undefined}
      >
        {alert.staleSince
          ? t("staleFor", { duration: formatDuration(alert.staleSince, now, locale) })
          : t("neverSynced")}
      </span>
      {alert.upcomingBookings.firstStartsAt && (
        <span className="ml-2 font-medium text-red-800">
          {t("arrivalOn", { day: formatShortDate(alert.upcomingBookings.firstStartsAt, locale) })}
          {alert.upcomingBookings.count > 1 ? t("moreArrivals", { more: alert.upcomingBookings.count - 1 }) : ""}
        </span>
      )}
    </div>
  );
}
