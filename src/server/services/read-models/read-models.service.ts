// Read models: what pages and the API read, assembled from several areas' tables (an alert with its listing, feeds
// and runs; an incident with the listings it affects; a host's listings and feeds in plain words). Nothing writes
// through them. Every function reads the acting viewer from its context and refuses it without the role: support
// and admins for the back-office's, the host for « Mes calendriers ».
export {
  getActiveAlerts,
  listAlerts,
  listAlertIdsMatching,
  listProviderKeys,
  buildAlertListQueries,
  ListAlertsInput,
  ALERT_STATUS_FILTERS,
  ALERT_ASSIGNEE_FILTERS,
  type AlertPage,
  type AlertCounts,
} from "./list-alerts";
export {
  readDashboardAlerts,
  DASHBOARD_ALERT_LIMIT,
  type DashboardAlert,
  type DashboardAlertCounts,
} from "./dashboard-alerts";
export { alertPageFilters, type AlertFilterValues } from "./alert-filters";
export { getAlertDetail, type AlertDetailDTO, type AlertEventDTO } from "./get-alert-detail";
export { countFailuresPerDay, type FailuresPerDay } from "./count-failures-per-day";
export { listFeedWarnings, type FeedWarningDTO } from "./list-feed-warnings";
export {
  listIncidents,
  listOpenIncidents,
  getIncidentDetail,
  ListIncidentsInput,
  type IncidentDTO,
  type IncidentDetailDTO,
} from "./list-incidents";
export { listProviderHoldsFor, type ProviderHoldDTO } from "./list-provider-holds";
export { listHostCalendars, type HostFeedView, type HostListingView } from "./host-calendars";
export {
  listConflicts,
  countOpenConflicts,
  listConflictListings,
  ListConflictsInput,
  type ConflictPage,
} from "./list-conflicts";
export { getConflictDetail, type ConflictDetailDTO } from "./get-conflict-detail";
export type { ConflictDTO, ConflictStayDTO } from "./conflict-dto";
export { exportAlertsCsv, exportFileName } from "./export-alerts-csv";
export {
  getPlatformListing,
  listPlatformListings,
  ListPlatformListingsInput,
  type PlatformListingView,
  type PlatformFeedView,
} from "./platform-listings";
export { listPlatformHosts, ListPlatformHostsInput, type PlatformHostView } from "./platform-hosts";
export { listAuditLog, listAuditActions, ListAuditInput, type AuditEntryDTO } from "./list-audit-log";
export { exportAuditCsv, auditFileName, AUDIT_CSV_MAX_ROWS } from "./export-audit-csv";
