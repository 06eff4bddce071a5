// Deletes what is no longer needed, in batches: old resolved alerts, runs, sent e-mails, ended hints, checks, sessions.
export { applyRetention, type RetentionSettings, type RetentionResult } from "./apply-retention";
