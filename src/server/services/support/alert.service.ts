// Calendar-sync alerts, the store (story 9.8): records and counts, one module per verb under ./alerts. It imports
// no other area: what a failure sets off is decided by ../alerting, what pages read is assembled by ../back-office.
export { countAlertFailure, type CreateAlertOptions, type CountAlertFailureResult } from "./alerts/count-alert-failure";
export { resolveAlert } from "./alerts/resolve-alert";
export { autoResolveForListing } from "./alerts/auto-resolve-for-listing";
export type { AlertDTO } from "./alerts/alert-dto";
export { markHostNotified } from "./alerts/mark-host-notified";
