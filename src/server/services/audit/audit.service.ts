// The audit trail: one row per change, written in the transaction of the change it records.
export { recordAudit, AUDIT_INSERT, type AuditEntry } from "./record-audit";
