// Calendar-sync alerts (story 9.8): one module per verb under ./alerts, gathered here.
export { createCalendarSyncAlert, type CreateAlertOptions, type CreateAlertResult } from "./alerts/create-calendar-sync-alert";
export { resolveAlert } from "./alerts/resolve-alert";
export { autoResolveForListing } from "./alerts/auto-resolve-for-listing";
export { getActiveAlerts, listAlerts, listProviderKeys, ListAlertsInput, type AlertPage, type AlertCounts } from "./alerts/list-alerts";
export { getAlertDetail, type AlertDetailDTO } from "./alerts/get-alert-detail";
export type { AlertDTO } from "./alerts/alert-dto";
export { countFailuresPerDay, type FailuresPerDay } from "./alerts/count-failures-per-day";
