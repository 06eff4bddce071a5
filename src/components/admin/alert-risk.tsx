import type { AlertDTO } from "@/server/services/alerts/alerts.service";
import { formatDateTime, formatDuration, formatShortDate } from "./format";

/** How long the calendar has been stale and the next stay it puts at risk. */
export function AlertRisk({
  alert,
  now,
}: {
  alert: Pick<AlertDTO, "status" | "staleSince" | "upcomingBookings">;
  now: number;
}) {
  if (alert.status === "resolved") return null;
  return (
    <div className="text-sm text-slate-700">
      <span
        title={alert.staleSince ? `Dernière synchronisation réussie : ${formatDateTime(alert.staleSince)}` : undefined}
      >
        {alert.staleSince ? `Non synchronisé depuis ${formatDuration(alert.staleSince, now)}` : "Jamais synchronisé"}
      </span>
      {alert.upcomingBookings.firstStartsAt && (
        <span className="ml-2 font-medium text-red-800">
          · arrivée le {formatShortDate(alert.upcomingBookings.firstStartsAt)}
          {alert.upcomingBookings.count > 1 ? ` (+${alert.upcomingBookings.count - 1} sous 14 j)` : ""}
        </span>
      )}
    </div>
  );
}
