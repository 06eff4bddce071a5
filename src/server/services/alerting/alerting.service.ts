// The alerting policy: what a sync outcome means (count it on the listing's alert, open or fall under a provider
// incident, hold or escalate, close when healthy) and records it as events. Calendar sync and the worker call it; it
// calls the stores (alerts, incidents, conflicts) and records events; notifications fan those out.
export { createCalendarSyncAlert, type CreateAlertResult } from "./create-calendar-sync-alert";
export type { CreateAlertOptions } from "../alerts/alerts.service";
export { resolveAlertIfListingHealthy } from "./resolve-if-listing-healthy";
export { recordSyncFailure, type SyncFailure, type SyncFailureDecision } from "./record-sync-failure";
export { openProviderIncidentIfDue } from "./provider-incident-policy";
export { recordProbeResult, resolveIncidentByHand } from "./resolve-provider-incident";
export { resendHostNotice } from "./resend-host-notice";
export { recordConfirmedEmpty } from "./record-confirmed-empty";
export { hostNoticeKey, recordHostNotice } from "./alert-events";
export { recordIncidentEvent } from "./incident-events";
export { clearProviderHoldByHand } from "./clear-provider-hold";
export { confirmBookingConflicts } from "./confirm-booking-conflicts";
export { endSnooze, wakeSnoozedAlerts } from "./end-snooze";
export { resolveAlertByHand } from "./resolve-alert-by-hand";
export { tellSecondLevel } from "./tell-second-level";
export { sendMorningDigest, type DigestOutcome } from "./send-morning-digest";
export { actOnAlerts, BulkAction, MAX_BULK_ALERTS, type BulkResult } from "./act-on-alerts";
export { recordListingWithdrawn } from "./record-listing-withdrawn";
export { checkBookingConflicts } from "./check-booking-conflicts";
export { recordSyncOutcome } from "./record-sync-outcome";
export { afterSyncCommitted } from "./record-sync-outcome";
// The export side: a destination stopping to read a listing's link, reading it again, and a destination-wide outage.
export { recordExportNotRead, type ExportNotRead } from "./record-export-not-read";
export { recordExportReadBack } from "./record-export-read-back";
export { openExportIncidentIfDue, closeExportIncidentIfDue } from "./export-incident-policy";
