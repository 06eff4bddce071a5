// The story's module (story 9.8): the three verbs support's calendar-sync alerts are made of, under the names the
// story gives them. It holds no logic of its own and nothing in the product imports it back:
// - createCalendarSyncAlert(listingId, errorType, errorMessage): counts a failed sync on the listing's one open alert
//   and escalates it (one e-mail) after ALERT_ESCALATION_THRESHOLD failures: the alerting policy (../alerting).
// - resolveAlert(alertId, supportUserId, note?): a support user closes an open alert: the alert store (../alerts).
// - getActiveAlerts(viewer): the open alerts, most failed attempts first. It takes the acting viewer (support or admin)
//   and refuses anyone else, as every read of the back-office does (../back-office).
export { createCalendarSyncAlert, type CreateAlertResult } from "../alerting/alerting.service";
export { resolveAlert } from "../alerts/alerts.service";
export { getActiveAlerts } from "../back-office/back-office.service";
