// Calendar-sync alerts, the store: records and counts, one module per verb. It imports no other area: what a failure
// sets off is decided by ../alerting, what pages read is assembled by ../back-office; the story's module
// (../support/alert.service.ts) names the three verbs of story 9.8.
export { countAlertFailure, type CreateAlertOptions, type CountAlertFailureResult } from "./count-alert-failure";
export { resolveAlert } from "./resolve-alert";
export { autoResolveForListing } from "./auto-resolve-for-listing";
export { resolveWithdrawnListingAlert, LISTING_WITHDRAWN_NOTE } from "./resolve-withdrawn-listing-alert";
export type { AlertDTO } from "./alert-dto";
export { markHostNotified } from "./mark-host-notified";
export type { AlertStatus } from "../../db/schema/calendar-sync-alerts";
export { assignAlert } from "./assign-alert";
export { addAlertNote, AlertNoteText, type AlertNoteDTO } from "./add-alert-note";
export { snoozeAlert, SnoozeInput, isSnoozed, MAX_SNOOZE_DAYS } from "./snooze-alert";
