import type { Locale } from "../../../i18n/locales";
// What happened, as the policy and the stores record it (recordEvent): typed, complete and self-contained facts that
// notifications fan out to their recipients. Dates travel as ISO 8601 strings: the facts are stored as JSON.
import type { SyncErrorType } from "../../shared/sync-error-types";
import type { DigestFacts } from "../../shared/digest-facts";

export interface ListingRef {
  id: string;
  title: string;
}

/** What the listing risks while its alert is open: its next arrival within 7 days (ISO 8601), if any. */
export interface ListingRisk {
  nextArrivalAt: string | null;
}

/** Which half of the sync an alert is about: our import of a feed, or a destination's read of our export link. */
export type SyncDirection = "import" | "export";

export interface AlertEscalatedFacts {
  id: string;
  /** Absent on events recorded before exports existed: import. */
  direction?: SyncDirection;
  listing: ListingRef;
  errorType: SyncErrorType;
  errorMessage: string;
  failedAttempts: number;
  escalationReason: string | null;
  firstFailedAt: string;
  lastFailedAt: string;
}

export const ALERT_RESOLUTIONS = ["by-hand", "recovery", "host-link", "listing-archived"] as const;
export type AlertResolution = (typeof ALERT_RESOLUTIONS)[number];

export interface AlertResolvedFacts {
  id: string;
  direction?: SyncDirection;
  listing: ListingRef;
  /** by hand: an agent closed it; recovery: the feeds sync again; host-link: the host's new link works;
   * listing-archived: the platform withdrew the listing. */
  how: AlertResolution;
  /** Who closed it by hand or withdrew the listing (an agent's name, « clé API … »). */
  by: string | null;
  note: string | null;
  failedAttempts: number;
  escalatedAt: string;
  resolvedAt: string;
}

export interface AlertSecondLevelFacts {
  id: string;
  listing: ListingRef;
  failedAttempts: number;
  escalatedAt: string;
  /** How long nobody has owned it, in minutes. */
  unownedMinutes: number;
}

export interface HostNoticeFacts {
  hostName: string;
  hostEmail: string;
  /** The host's language (users.locale); facts recorded before it existed are French. */
  hostLocale?: Locale;
  listingTitle: string;
  providerKey: string;
  /** The host's own label for the feed ("Airbnb", "Mon agenda"). */
  feedLabel: string;
  errorType: SyncErrorType;
  /** Whether the link was ever read: « n'arrivons plus » only for one that worked before. */
  everRead: boolean;
  /** An export link no longer read (EXPORT_NOT_READ): the destination, the link (encrypted, as stored) and its last read. */
  exportLink?: { destination: string; tokenCiphertext: string; lastReadAt: string };
}

export interface IncidentFacts {
  id: string;
  providerKey: string;
  status: "open" | "resolved";
  resolution: string | null;
  openedAt: string;
  resolvedAt: string | null;
  feedsFailing: number;
  feedsSynced: number;
  listingsFailing: number;
  errorCounts: Record<string, number>;
}

export interface ConflictFacts {
  id: string;
  listingTitle: string;
  hostName: string;
  certainty: "certain" | "probable";
  /** YYYY-MM-DD, the first and last nights the two stays share. */
  firstNight: string;
  lastNight: string;
  nights: number;
  providers: [string, string];
  arrivedAfterHours: number | null;
}

export type ConflictEnd = "vanished" | "dismissed" | "withdrawn";

/** Every event, by type. A new one is a row here, its key below, and its case in notifications' fan-out. */
export type DomainEvent =
  | { type: "alert.escalated"; alert: AlertEscalatedFacts; risk: ListingRisk; providers: string[] }
  | { type: "alert.resolved"; alert: AlertResolvedFacts; risk: ListingRisk; providers: string[] }
  | { type: "alert.second-level"; alert: AlertSecondLevelFacts; recipient: string }
  | { type: "host.notice"; key: string; notice: HostNoticeFacts }
  | { type: "incident.opened" | "incident.resolved"; incident: IncidentFacts }
  | { type: "conflict.detected"; conflict: ConflictFacts; hostEmail: string; hostLocale?: Locale; providers: string[] }
  | { type: "digest"; day: string; digest: DigestFacts; recipient: string };

/**
 * An event that follows another and completes its facts: recorded only if the one it follows was (a conflict that
 * was never told says nothing when it closes), with that event's facts and providers.
 */
export type FollowUpEvent = {
  type: "conflict.resolved";
  conflictId: string;
  how: ConflictEnd;
  resolvedAt: string | null;
};

export type EventType = DomainEvent["type"] | FollowUpEvent["type"];

/** The facts of conflict.resolved once merged with its conflict.detected. */
export type ConflictResolvedFacts = Omit<Extract<DomainEvent, { type: "conflict.detected" }>, "type" | "providers"> &
  Omit<FollowUpEvent, "type">;

/** The provider keys an event concerns: channels limited to some providers hear only of theirs. */
export function providersOf(event: DomainEvent | FollowUpEvent): string[] {
  switch (event.type) {
    case "alert.escalated":
    case "alert.resolved":
    case "conflict.detected":
      return event.providers;
    case "incident.opened":
    case "incident.resolved":
      return [event.incident.providerKey];
    case "alert.second-level":
    case "host.notice":
    case "digest":
    case "conflict.resolved":
      return [];
  }
}

/** The event whose providers (and, for a follow-up, facts) an event takes over. */
export function followedKey(event: DomainEvent | FollowUpEvent): string | null {
  switch (event.type) {
    case "conflict.resolved":
      return `booking-conflict:${event.conflictId}:detected`;
    case "alert.resolved":
      return escalationKey(event.alert.id);
    default:
      return null;
  }
}

export const DIGEST_KEY_PREFIX = "support-digest:";

/** Each event's dedupe key: it is recorded once however many workers see the fact. The e-mails reuse these keys. */
export function eventKey(event: DomainEvent | FollowUpEvent): string {
  switch (event.type) {
    case "alert.escalated":
      return `calendar-sync-alert-escalated:${event.alert.id}`;
    case "alert.resolved":
      return `calendar-sync-alert-resolved:${event.alert.id}`;
    case "alert.second-level":
      return `calendar-sync-alert-second-level:${event.alert.id}`;
    case "host.notice":
      return event.key;
    case "incident.opened":
      return `provider-incident-opened:${event.incident.id}`;
    case "incident.resolved":
      return `provider-incident-resolved:${event.incident.id}`;
    case "conflict.detected":
      return `booking-conflict:${event.conflict.id}:detected`;
    case "conflict.resolved":
      return `booking-conflict:${event.conflictId}:resolved`;
    case "digest":
      return `${DIGEST_KEY_PREFIX}${event.day}`;
  }
}

/** The keys a notifier threads replies under, named once here. */
export const escalationKey = (alertId: string) => `calendar-sync-alert-escalated:${alertId}`;
