import type { MessageKey } from "../fr/counts";

// The English catalogue: the same keys as fr/counts.ts (a missing or extra one fails the typecheck), in ICU MessageFormat.
export const counts: Record<MessageKey, string> = {
  alertsEscalated: "{count, plural, one {# escalated} other {# escalated}}",
  alertsActive: "{count, plural, one {# active} other {# active}}",
  alertsDone: "{count, plural, one {# alert handled} other {# alerts handled}}",
  alertsSkipped: "{count, plural, one {# skipped} other {# skipped}}",
  failedAttempts: "{count, plural, one {# failed attempt} other {# failed attempts}}",
  failures: "{count, plural, =0 {no failure} one {# failure} other {# failures}}",
  consecutiveFailures: "{count, plural, one {# consecutive failure} other {# consecutive failures}}",
  listings: "{count, plural, one {# listing} other {# listings}}",
  calendarsFailing: "{count, plural, one {# calendar failing} other {# calendars failing}}",
  escalationsHeld: "{count, plural, =0 {no escalation held} one {# escalation held} other {# escalations held}}",
  probesSucceeded:
    "{count, plural, =0 {no probe succeeded} one {# probe succeeded} other {# probes succeeded in a row}}",
  hostsWaiting: "{count, plural, one {# host's calendars are waiting} other {# hosts' calendars are waiting}}",
  channelsFailing:
    "{count, plural, one {A notification channel is failing} other {# notification channels are failing}}",
  failuresSummary:
    "{total, plural, =0 {No failure in the last 30 days.} one {# failure in 30 days (on {day})} other {# failures in 30 days, at most {peak} a day (on {day})}}",
  underIncident: "{count, plural, =0 {} other {, # under an incident}}",
  exportSide: "{count, plural, =0 {} other {, # on the export side}}",
  deliveriesFailed: "{count, plural, one {# failed delivery} other {# failed deliveries in a row}}",
  nights: "{count, plural, one {# night} other {# nights}}",
  periodsImported: "{count, plural, =0 {no period imported} one {# period imported} other {# periods imported}}",
  alertsOpened: "{count, plural, =0 {no alert opened} one {# alert opened} other {# alerts opened}}",
  alertsResolvedSince: "{count, plural, =0 {none resolved} one {# resolved} other {# resolved}}",
  conflictsCertain: "{count, plural, =0 {none certain} one {# certain} other {# certain}}",
  conflictsProbable: "{count, plural, =0 {none probable} one {# probable} other {# probable}}",
  arrivalsAtRisk: "{count, plural, =0 {no arrival at risk} one {# arrival at risk} other {# arrivals at risk}}",
  unowned: "{count, plural, =0 {none without an owner} one {# without an owner} other {# without an owner}}",
};
