export * from "./users";
export * from "./listings";
export * from "./calendar-feeds";
export * from "./audit-logs";
export * from "./calendar-sync-alerts";
export * from "./alert-failures";
export * from "./email-outbox";
