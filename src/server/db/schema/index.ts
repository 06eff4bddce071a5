export * from "./users";
export * from "./listings";
export * from "./calendar-feeds";
export * from "./audit-logs";
