// Notifications fan the recorded events out to their recipients (fanOutEvents): the outbox (sent once by the
// worker), the e-mails' French text, the SMTP or .eml transport, and the channels. They import no store.
export { fanOutEvents } from "./fan-out-events";
export { enqueueEmail, type OutgoingEmail } from "./enqueue-email";
export { drainOutbox, claimDueEmails, retryDelayMs, type DrainOptions, type DrainResult } from "./outbox-sender";
export {
  createMailTransport,
  createSmtpTransport,
  createFileTransport,
  type MailTransport,
  type MailMessage,
} from "./mail-transport";
// Notification channels: admins' receivers (e-mail, Slack, Teams, signed webhooks) and the delivery of the events
// they subscribed to, in order, once, by the worker.
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
export type { ChannelType, ChannelEventType, NotificationEventType } from "../../db/schema";
export { OUTBOX_INSERT } from "./enqueue-email";
export { messageIdFor } from "./message-id";
export { renderPasswordResetEmail } from "./password-reset-email";
