// Notifications deliver the facts the policy hands them: the outbox (queued in the caller's transaction, sent once
// by the worker), the e-mails' French text, and the SMTP or .eml transport. They import no store.
export { enqueueEmail, type OutgoingEmail } from "./enqueue-email";
export { queueEscalationEmail, escalationDedupeKey } from "./send-escalation-email";
export type { EscalationEmailFacts } from "./escalation-email";
export { sendHostNotice, hostNoticeKey } from "./send-host-notice";
export { sendIncidentEmail } from "./send-incident-email";
export { drainOutbox, claimDueEmails, retryDelayMs, type DrainOptions, type DrainResult } from "./outbox-sender";
export { createMailTransport, createSmtpTransport, createFileTransport, type MailTransport, type MailMessage } from "./mail-transport";
export { sendConflictEmails } from "./send-conflict-emails";
export type { ConflictEmailFacts } from "./conflict-email";
