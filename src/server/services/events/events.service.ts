// The events leaf: any area records what happened through recordEvent; notifications read the events to fan them out.
export * from "./domain-event";
export { recordEvent } from "./record-event";
export { findDigestDays } from "./find-events";
export { readPendingEvents, recordTestEvent, FAN_OUT_EVENTS_CTE, EVENT_ROWS, type PendingEvent } from "./event-queue";
