// What the back-office reads: read models joining alerts, feeds, runs and blocks. Every function takes the acting
// viewer and refuses it without a back-office role.
export { getActiveAlerts, listAlerts, listProviderKeys, buildAlertListQueries, ListAlertsInput, ALERT_STATUS_FILTERS, type AlertPage, type AlertCounts } from "./list-alerts";
export { getAlertDetail, type AlertDetailDTO } from "./get-alert-detail";
export { countFailuresPerDay, type FailuresPerDay } from "./count-failures-per-day";
export { listFeedWarnings, type FeedWarningDTO } from "./list-feed-warnings";
export { listIncidents, listOpenIncidents, getIncidentDetail, ListIncidentsInput, type IncidentDTO, type IncidentDetailDTO } from "./incidents";
export { listProviderHoldsFor, type ProviderHoldDTO } from "./provider-holds";
