// Notifications deliver the facts the policy hands them: the outbox (queued in the caller's transaction, sent once
// by the worker), the e-mails' French text, and the SMTP or .eml transport. They import no store.
export { enqueueEmail, type OutgoingEmail } from "./enqueue-email";
export { queueEscalationEmail, escalationDedupeKey } from "./send-escalation-email";
export type { EscalationEmailFacts } from "./escalation-email";
export { sendHostNotice, hostNoticeKey } from "./send-host-notice";
export { sendIncidentEmail } from "./send-incident-email";
export { drainOutbox, claimDueEmails, retryDelayMs, type DrainOptions, type DrainResult } from "./outbox-sender";
export {
  createMailTransport,
  createSmtpTransport,
  createFileTransport,
  type MailTransport,
  type MailMessage,
} from "./mail-transport";
export { sendConflictEmails } from "./send-conflict-emails";
export { sendConflictResolvedEmails } from "./send-conflict-resolved-emails";
export type { ConflictEmailFacts } from "./conflict-email";
// Notification channels (#20): admins' receivers (e-mail, Slack, Teams, signed webhooks), the events they hear of
// (written in the transaction of what caused them) and their delivery, in order, once, by the worker.
export { publishNotificationEvent, type NotificationEventInput } from "./channels/publish-event";
export { conflictResolvedData } from "./channels/event-data";
export {
  listChannels,
  listFailingChannels,
  getChannel,
  createChannel,
  updateChannel,
  deleteChannel,
  PREVIOUS_SECRET_HOURS,
} from "./channels/manage-channels";
export { CreateChannelInput, UpdateChannelInput } from "./channels/channel-input";
export type { ChannelDTO } from "./channels/channel-dto";
export {
  listChannelDeliveries,
  listLatestDeliveriesByChannel,
  type DeliveryAttemptDTO,
} from "./channels/list-deliveries";
export { sendTestEvent, type TestOutcome } from "./channels/send-test-event";
export {
  deliverNotifications,
  RETRY_DELAYS_SECONDS,
  type DeliverOptions,
  type DeliverResult,
} from "./channels/deliver-channels";
export { reencryptChannelSecrets } from "./channels/reencrypt-channel-secrets";
export { queueInvitationEmail } from "./send-invitation-email";
