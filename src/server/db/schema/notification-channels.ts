import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestampColumn as at, timestamps } from "./columns";
import { users } from "./users";

export const CHANNEL_TYPES = ["email", "slack", "teams", "webhook"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
export const channelType = pgEnum("notification_channel_type", CHANNEL_TYPES);

/** What a channel can subscribe to; `test` is sent by « Envoyer un test » only. */
export const CHANNEL_EVENT_TYPES = [
  "alert.escalated",
  "alert.resolved",
  "incident.opened",
  "incident.resolved",
  "conflict.detected",
  "conflict.resolved",
  "digest",
] as const;
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number];
/** What notification_events holds: the channels' events, the events only e-mail hears of, and « Envoyer un test ». */
export type NotificationEventType = ChannelEventType | "alert.second-level" | "host.notice" | "test";

/**
 * A receiver configured by an admin. URLs and secrets carry tokens: stored encrypted (like feed URLs), shown masked.
 * The lease (owner, until, token) makes one worker at a time deliver a channel's events, in order; the token fences
 * a worker whose lease was taken over.
 */
export const notificationChannels = pgTable(
  "notification_channels",
  {
    id: idColumn(),
    type: channelType("type").notNull(),
    name: text("name").notNull(),
    /** E-mail channels: the recipients. */
    addresses: text("addresses")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    urlCiphertext: text("url_ciphertext"),
    urlMasked: text("url_masked"),
    /** Webhooks: the whsec_ secret, encrypted; the previous one keeps signing until previous_secret_until. */
    secretCiphertext: text("secret_ciphertext"),
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretUntil: at("previous_secret_until"),
    events: text("events").array().notNull(),
    /** Null: every provider; else only events that concern one of these provider keys. */
    providers: text("providers").array(),
    disabledAt: at("disabled_at"),
    /** "admin" (disabled by hand) or "gone" (the receiver answered 410). */
    disabledReason: text("disabled_reason"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    failingSince: at("failing_since"),
    leaseOwner: text("lease_owner"),
    leaseUntil: at("lease_until"),
    leaseToken: bigint("lease_token", { mode: "number" }).notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("notification_channels_active_idx")
      .on(t.id)
      .where(sql`${t.disabledAt} is null`),
  ],
);

/** What happened, recorded once (dedupe_key) in the transaction of what caused it, then fanned out by notifications. */
export const notificationEvents = pgTable(
  "notification_events",
  {
    id: idColumn(),
    /** The events' order: a channel receives them in this order. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    type: text("type").$type<NotificationEventType>().notNull(),
    /** The provider keys the event concerns (empty: none in particular). */
    providers: text("providers")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The channels' payload, built from the facts at fan-out ({} before). */
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** The typed fact as recorded (services/events/domain-event.ts). */
    facts: jsonb("facts").$type<Record<string, unknown>>(),
    occurredAt: at("occurred_at").notNull().defaultNow(),
    /** When notifications turned it into e-mails and deliveries; null until then. */
    fannedOutAt: at("fanned_out_at"),
  },
  (t) => [
    uniqueIndex("notification_events_dedupe_key").on(t.dedupeKey),
    uniqueIndex("notification_events_seq").on(t.seq),
    index("notification_events_occurred_idx").on(t.occurredAt),
    // The fan-out's queue: read every worker turn, a few rows.
    index("notification_events_unfanned_idx")
      .on(t.seq)
      .where(sql`${t.fannedOutAt} is null`),
  ],
);

export const DELIVERY_STATUSES = ["pending", "delivered", "abandoned"] as const;
export const deliveryStatus = pgEnum("notification_delivery_status", DELIVERY_STATUSES);

/** One per event and subscribed channel. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: idColumn(),
    eventId: text("event_id")
      .notNull()
      .references(() => notificationEvents.id, { onDelete: "cascade" }),
    eventSeq: bigint("event_seq", { mode: "number" }).notNull(),
    channelId: text("channel_id")
      .notNull()
      .references(() => notificationChannels.id, { onDelete: "cascade" }),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: at("delivered_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notification_deliveries_event_channel").on(t.channelId, t.eventId),
    index("notification_deliveries_pending_idx")
      .on(t.channelId, t.eventSeq)
      .where(sql`${t.status} = 'pending'`),
    index("notification_deliveries_channel_idx").on(t.channelId, t.createdAt),
  ],
);

/** Each try: « Dernières livraisons » on the channel's page. */
export const notificationAttempts = pgTable(
  "notification_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => notificationDeliveries.id, { onDelete: "cascade" }),
    channelId: text("channel_id")
      .notNull()
      .references(() => notificationChannels.id, { onDelete: "cascade" }),
    attemptedAt: at("attempted_at").notNull().defaultNow(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
  },
  (t) => [index("notification_attempts_channel_idx").on(t.channelId, t.attemptedAt)],
);

export type NotificationChannel = typeof notificationChannels.$inferSelect;
export type NotificationEvent = typeof notificationEvents.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
