// Provider incidents, the store: one open incident per provider, its timeline, its probes, and the provider-wide
// feed schedule (hold, spread). It imports no other area; ../alerting decides when to open, hold and close.
export {
  type ProviderFailureStats,
  findOpenIncident,
  lastIncidentEnd,
  openIncident,
  claimDueProbe,
  recordProbeOutcome,
  type ProbeOutcome,
  resolveIncident,
  type IncidentResolutionKind,
  rescheduleProviderFeeds,
  getIncident,
  listIncidentEvents,
  recordIncidentEvent,
} from "./incident-store";
export { hintRetryAfter, listProviderHolds, clearProviderHold, type ProviderHold } from "./provider-holds";
export { openIncidentOn, providerHeldOn, providerHoldUntil, providersUnderIncident } from "./provider-schedule-sql";
