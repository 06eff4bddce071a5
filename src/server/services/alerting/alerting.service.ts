// The alerting policy: what a sync outcome means (count it on the listing's alert, escalate and notify, close the
// alert when the listing is healthy). Calendar sync calls it; it calls the alert store and the notifications.
export { createCalendarSyncAlert, type CreateAlertResult } from "./create-calendar-sync-alert";
export type { CreateAlertOptions } from "../support/alerts/count-alert-failure";
export { resolveAlertIfListingHealthy } from "./resolve-if-listing-healthy";
