// Calendar-sync alerts, the store: records and counts, one module per verb. It imports no other area: what a failure
// sets off is decided by ../alerting, what pages read is assembled by ../read-models; the story's module
// (../support/alert.service.ts) names the three verbs of story 9.8.
export {
  countAlertFailure,
  type CreateAlertOptions,
  type CountAlertFailureInput,
  type CountAlertFailureResult,
} from "./count-alert-failure";
export { applyEscalation, type EscalationChange } from "./apply-escalation";
export { resolveAlert } from "./resolve-alert";
export { autoResolveForListing } from "./auto-resolve-for-listing";
export { resolveWithdrawnListingAlert, LISTING_WITHDRAWN_NOTE } from "./resolve-withdrawn-listing-alert";
export type { AlertDTO } from "./read-alert-dto";
export { markHostNotified } from "./mark-host-notified";
export type { AlertStatus } from "../../db/schema/calendar-sync-alerts";
export { assignAlert } from "./assign-alert";
export { addAlertNote, AlertNoteText, type AlertNoteDTO } from "./add-alert-note";
export { snoozeAlert, SnoozeInput, isSnoozed, MAX_SNOOZE_DAYS, unsnoozeAlert, wakeDueSnoozes } from "./snooze-alert";
export { lockAlert } from "./lock-alert";
export { latestFailureWithFeed } from "./latest-failure";
export { claimUnownedEscalations } from "./claim-unowned-escalations";
export { snoozedSql } from "./snoozed-sql";
export { toAlertSummary } from "./read-alert-dto";
export type { AlertSummaryDTO } from "./read-alert-dto";
export { ResolutionNote } from "./resolve-alert";
export { getAlertDtoOrThrow } from "./read-alert-dto";
export { resolveAlertWithRow } from "./resolve-alert";
export { coveringIncident } from "./read-alert-dto";
export { firstUpcomingBooking, staleSince, upcomingBookingCount } from "./read-alert-dto";
export { selectAlertRows } from "./read-alert-dto";
export { toAlertDto } from "./read-alert-dto";
export type { AlertRow } from "./read-alert-dto";
export { releaseAssignmentsOf } from "./release-assignments";
