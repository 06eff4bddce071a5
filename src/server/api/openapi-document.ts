// The REST API's description, OpenAPI 3.1, served at /api/openapi.json. Every request schema below is the zod object
// the route handler parses with (imported, never restated), turned into JSON Schema by zod itself (z.toJSONSchema,
// draft 2020-12, which OpenAPI 3.1 uses); tests/unit/openapi.test.ts checks that every route file's methods are here.
import { z } from "zod";
import {
  ListAlertsInput,
  ListAuditInput,
  ListConflictsInput,
  ListIncidentsInput,
} from "../services/read-models/read-models.service";
import { SnoozeInput } from "../services/alerts/alerts.service";
import { BulkAction } from "../services/alerting/alerting.service";
import { AddCalendarFeedInput, ReplaceFeedLinkInput } from "../services/calendar/calendar.service";
import { CreateChannelInput, UpdateChannelInput } from "../services/notifications/notifications.service";
import { CHANNEL_EVENT_TYPES } from "../db/schema";
import { CreateApiKeyInput, type ApiKeyScope } from "../services/api-keys/api-keys.service";
import { ListPlatformListingsInput } from "../services/read-models/read-models.service";
import {
  AccountLocaleBody,
  TwoFactorCodeBody,
  ChangeRoleBody,
  InviteTeamMemberBody,
  AcceptInvitationInput,
  CompletePasswordResetInput,
  InspectInvitationBody,
  PasswordResetRequestBody,
  PasswordResetTokenBody,
} from "../services/users/users.service";
import {
  ListingBody,
  ListingItem,
  MAX_BATCH_ITEMS,
  ReservationBody,
  ReservationItem,
  UpdateFeedBody,
} from "../services/platform/platform.service";
import {
  AlertListView,
  AssigneeBody,
  BulkSelection,
  ClearProviderHoldBody,
  DismissConflictBody,
  NoteBody,
  ResolveAlertBody,
  ResolveIncidentBody,
} from "./request-schemas";

type Roles = "public" | "support, admin" | "admin" | "host, admin" | "signed in" | `key: ${ApiKeyScope}`;

interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  roles: Roles;
  tag:
    "alerts" | "conflicts" | "incidents" | "feeds" | "exports" | "channels" | "account" | "operations" | "integration";
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status (200 unless said). */
  status?: 200 | 201 | 202;
  /** Not JSON: the CSV export, the metrics. */
  produces?: string;
  /** Statuses beyond the common ones: 409 (contradicts an account or the state), 413 (too large), 422 (well-formed, refused), 429 (throttled). */
  errors?: Array<409 | 413 | 422 | 429>;
}

const batchOf = (item: z.ZodType) => z.object({ items: z.array(item).max(MAX_BATCH_ITEMS) }).strict();

export const API_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    summary: "Database round trip: 200, or 503",
    roles: "public",
    tag: "operations",
  },
  {
    method: "get",
    path: "/api/metrics",
    summary: "Prometheus metrics (bearer METRICS_TOKEN or an admin session)",
    roles: "admin",
    tag: "operations",
    produces: "text/plain",
  },
  {
    method: "get",
    path: "/api/admin/me",
    summary: "The signed-in back-office user",
    roles: "support, admin",
    tag: "account",
  },
  {
    method: "delete",
    path: "/api/me/sessions",
    summary: "« Se déconnecter partout »: ends every session of the account",
    roles: "signed in",
    tag: "account",
  },
  {
    method: "get",
    path: "/api/admin/alerts/calendar-sync",
    summary: "Calendar-sync alerts, filtered, keyset-paginated",
    roles: "support, admin",
    tag: "alerts",
    query: mergeQueries(ListAlertsInput, AlertListView),
  },
  {
    method: "get",
    path: "/api/admin/alerts/calendar-sync/export",
    summary: "The history as CSV (the list's filters; BOM, « ; »)",
    roles: "support, admin",
    tag: "alerts",
    query: ListAlertsInput,
    produces: "text/csv",
  },
  {
    method: "get",
    path: "/api/admin/alerts/{id}",
    summary: "One alert, with its feeds, runs and timeline",
    roles: "support, admin",
    tag: "alerts",
  },
  {
    method: "patch",
    path: "/api/admin/alerts/{id}/resolve",
    summary: "Resolves an alert by hand, with an optional note",
    roles: "support, admin",
    tag: "alerts",
    body: ResolveAlertBody,
  },
  {
    method: "patch",
    path: "/api/admin/alerts/{id}/assignee",
    summary: "« Je m'en occupe »: assigns (a support or admin user) or releases (null)",
    roles: "support, admin",
    tag: "alerts",
    body: AssigneeBody,
  },
  {
    method: "post",
    path: "/api/admin/alerts/{id}/notes",
    summary: "A note on the alert's timeline",
    roles: "support, admin",
    tag: "alerts",
    body: NoteBody,
    status: 201,
  },
  {
    method: "put",
    path: "/api/admin/alerts/{id}/snooze",
    summary: "Snoozes until a time (≤ 30 days) or until the error changes",
    roles: "support, admin",
    tag: "alerts",
    body: SnoozeInput,
  },
  {
    method: "delete",
    path: "/api/admin/alerts/{id}/snooze",
    summary: "« Reprendre »: ends the snooze",
    roles: "support, admin",
    tag: "alerts",
  },
  {
    method: "post",
    path: "/api/admin/alerts/{id}/host-notice",
    summary: "Sends the host's notice again",
    roles: "support, admin",
    tag: "alerts",
  },
  {
    method: "post",
    path: "/api/admin/alerts/bulk",
    summary: "One action on up to 500 alerts (ids or the list's filters)",
    roles: "support, admin",
    tag: "alerts",
    body: z.intersection(BulkSelection, BulkAction),
  },
  {
    method: "post",
    path: "/api/admin/calendar-feeds/{feedId}/sync",
    summary: "Syncs a feed now",
    roles: "support, admin",
    tag: "feeds",
  },
  {
    method: "get",
    path: "/api/admin/incidents",
    summary: "Provider incidents, open first",
    roles: "support, admin",
    tag: "incidents",
    query: ListIncidentsInput,
  },
  {
    method: "get",
    path: "/api/admin/incidents/{id}",
    summary: "One incident: timeline and listings",
    roles: "support, admin",
    tag: "incidents",
  },
  {
    method: "patch",
    path: "/api/admin/incidents/{id}/resolve",
    summary: "Closes an incident by hand",
    roles: "support, admin",
    tag: "incidents",
    body: ResolveIncidentBody,
  },
  {
    method: "get",
    path: "/api/admin/provider-holds",
    summary: "Providers that asked us to wait (Retry-After)",
    roles: "support, admin",
    tag: "incidents",
  },
  {
    method: "delete",
    path: "/api/admin/provider-holds",
    summary: "Lifts a provider's hold",
    roles: "admin",
    tag: "incidents",
    body: ClearProviderHoldBody,
  },
  {
    method: "get",
    path: "/api/admin/booking-conflicts",
    summary: "Double bookings",
    roles: "support, admin",
    tag: "conflicts",
    query: ListConflictsInput,
  },
  {
    method: "get",
    path: "/api/admin/booking-conflicts/{id}",
    summary: "One double booking",
    roles: "support, admin",
    tag: "conflicts",
  },
  {
    method: "patch",
    path: "/api/admin/booking-conflicts/{id}/dismiss",
    summary: "« Pas un conflit », with the reason",
    roles: "support, admin",
    tag: "conflicts",
    body: DismissConflictBody,
  },
  {
    method: "get",
    path: "/api/listings/{id}/calendar-feeds",
    summary: "A listing's feeds (its host, or an admin)",
    roles: "host, admin",
    tag: "feeds",
  },
  {
    method: "post",
    path: "/api/listings/{id}/calendar-feeds",
    summary: "Adds a feed after checking its link",
    roles: "host, admin",
    tag: "feeds",
    body: AddCalendarFeedInput,
    status: 201,
  },
  {
    method: "patch",
    path: "/api/listings/{id}/calendar-feeds/{feedId}",
    summary: "Replaces a feed's link",
    roles: "host, admin",
    tag: "feeds",
    body: ReplaceFeedLinkInput,
  },
  {
    method: "delete",
    path: "/api/listings/{id}/calendar-feeds/{feedId}",
    summary: "Removes a feed",
    roles: "host, admin",
    tag: "feeds",
  },
  {
    method: "post",
    path: "/api/listings/{id}/calendar-feeds/{feedId}/sync",
    summary: "« Synchroniser maintenant »",
    roles: "host, admin",
    tag: "feeds",
  },
  {
    method: "get",
    path: "/api/listings/{id}/export-links",
    summary: "A listing's export links, one per destination, with their last read (its host, or an admin)",
    roles: "host, admin",
    tag: "exports",
  },
  {
    method: "post",
    path: "/api/listings/{id}/export-links/{linkId}/rotate",
    summary: "« Régénérer »: a new link; the old one answers for EXPORT_LINK_GRACE_DAYS",
    roles: "host, admin",
    tag: "exports",
  },
  {
    method: "get",
    path: "/api/admin/notification-channels",
    summary: "Notification channels",
    roles: "admin",
    tag: "channels",
  },
  {
    method: "post",
    path: "/api/admin/notification-channels",
    summary: "Adds a channel; a webhook's secret is in this answer only",
    roles: "admin",
    tag: "channels",
    body: CreateChannelInput,
    status: 201,
  },
  {
    method: "get",
    path: "/api/admin/notification-channels/{id}",
    summary: "One channel",
    roles: "admin",
    tag: "channels",
  },
  {
    method: "patch",
    path: "/api/admin/notification-channels/{id}",
    summary: "Edits, enables, disables a channel or rotates its secret",
    roles: "admin",
    tag: "channels",
    body: UpdateChannelInput,
  },
  {
    method: "delete",
    path: "/api/admin/notification-channels/{id}",
    summary: "Deletes a channel and its delivery log",
    roles: "admin",
    tag: "channels",
  },
  {
    method: "post",
    path: "/api/admin/notification-channels/{id}/test",
    summary: "« Envoyer un test »: a test event now, and the answer",
    roles: "admin",
    tag: "channels",
  },
  {
    method: "get",
    path: "/api/admin/notification-channels/{id}/deliveries",
    summary: "« Dernières livraisons »",
    roles: "admin",
    tag: "channels",
  },
  { method: "get", path: "/api/openapi.json", summary: "This document", roles: "support, admin", tag: "operations" },
  {
    method: "get",
    path: "/api/admin/audit-log",
    summary: "« Journal »: the audit log, newest first, keyset-paged (who: a user id, key:<id> or system)",
    roles: "admin",
    tag: "operations",
    query: ListAuditInput,
  },
  {
    method: "get",
    path: "/api/admin/audit-log/export",
    summary: "The journal's entries matching the filters, as CSV (UTF-8 with BOM, « ; »)",
    roles: "admin",
    tag: "operations",
    query: ListAuditInput,
  },
  {
    method: "get",
    path: "/api/admin/api-keys",
    summary: "« Intégrations »: the API keys (never the keys themselves)",
    roles: "admin",
    tag: "integration",
  },
  {
    method: "post",
    path: "/api/admin/api-keys",
    summary: "A new API key, shown in this answer only",
    roles: "admin",
    tag: "integration",
    body: CreateApiKeyInput,
    status: 201,
  },
  {
    method: "delete",
    path: "/api/admin/api-keys/{id}",
    summary: "« Révoquer » a key",
    roles: "admin",
    tag: "integration",
  },
  {
    method: "get",
    path: "/api/v1/alerts",
    summary: "The alerts, for the platform's own back-office",
    roles: "key: alerts:read",
    tag: "integration",
    query: ListAlertsInput,
  },
  {
    method: "get",
    path: "/api/v1/booking-conflicts",
    summary: "Double bookings",
    roles: "key: conflicts:read",
    tag: "integration",
    query: ListConflictsInput,
  },
  {
    method: "patch",
    path: "/api/v1/alerts/{id}/resolve",
    summary: "Resolve an alert, as the key (audited under it)",
    roles: "key: alerts:write",
    tag: "integration",
    body: ResolveAlertBody,
    errors: [409],
  },
  {
    method: "get",
    path: "/api/v1/listings",
    summary: "The platform's listings in the order they changed (updatedSince, cursor)",
    roles: "key: listings:write",
    tag: "integration",
    query: ListPlatformListingsInput,
  },
  {
    method: "put",
    path: "/api/v1/listings/{externalId}",
    summary:
      "Create (201) or update (200) a listing and its host by the platform's ids; the same body again changes nothing",
    roles: "key: listings:write",
    tag: "integration",
    body: ListingBody,
    errors: [409, 413, 422],
  },
  {
    method: "get",
    path: "/api/v1/listings/{externalId}",
    summary: "A listing, its feeds' states and its open alert",
    roles: "key: listings:write",
    tag: "integration",
  },
  {
    method: "delete",
    path: "/api/v1/listings/{externalId}",
    summary: "Withdraw (archive) a listing: feeds stopped, alert resolved, conflicts closed, history kept",
    roles: "key: listings:write",
    tag: "integration",
  },
  {
    method: "post",
    path: "/api/v1/listings/batch",
    summary: "Up to 1,000 listings, each with its result (created, updated, unchanged, error)",
    roles: "key: listings:write",
    tag: "integration",
    body: batchOf(ListingItem),
    errors: [413],
  },
  {
    method: "post",
    path: "/api/v1/listings/{externalId}/feeds",
    summary: "Add a feed, checked as the host's own add",
    roles: "key: listings:write",
    tag: "integration",
    body: AddCalendarFeedInput,
    status: 201,
    errors: [409, 413, 422],
  },
  {
    method: "get",
    path: "/api/v1/listings/{externalId}/export-links",
    summary: "The listing's export links, for the host to paste at each destination",
    roles: "key: listings:write",
    tag: "integration",
  },
  {
    method: "patch",
    path: "/api/v1/feeds/{id}",
    summary: "Rename a feed or replace its link (checked)",
    roles: "key: listings:write",
    tag: "integration",
    body: UpdateFeedBody,
    errors: [409, 422],
  },
  {
    method: "delete",
    path: "/api/v1/feeds/{id}",
    summary: "Remove a feed and its stays (204)",
    roles: "key: listings:write",
    tag: "integration",
  },
  {
    method: "post",
    path: "/api/v1/feeds/{id}/pause",
    summary: "Pause a feed: neither synced nor alerting (« En pause »)",
    roles: "key: listings:write",
    tag: "integration",
  },
  {
    method: "post",
    path: "/api/v1/feeds/{id}/resume",
    summary: "Resume a paused feed",
    roles: "key: listings:write",
    tag: "integration",
  },
  {
    method: "put",
    path: "/api/v1/listings/{externalId}/reservations/{reservationId}",
    summary: "The platform's own reservation, in the double-booking check",
    roles: "key: reservations:write",
    tag: "integration",
    body: ReservationBody,
    errors: [409, 413, 422],
  },
  {
    method: "post",
    path: "/api/v1/hosts/{externalId}/invitation",
    summary: "E-mail the platform's host a single-use link to choose a password (INVITATION_HOURS)",
    roles: "key: listings:write",
    tag: "integration",
    status: 201,
    errors: [409],
  },
  {
    method: "get",
    path: "/api/admin/users",
    summary: "« Équipe »: the support and admin accounts, their state, last sign-in and open sessions",
    roles: "admin",
    tag: "account",
  },
  {
    method: "post",
    path: "/api/admin/users",
    summary: "« Inviter »: a new support or admin account and its single-use link by e-mail",
    roles: "admin",
    tag: "account",
    body: InviteTeamMemberBody,
    status: 201,
    errors: [409],
  },
  {
    method: "patch",
    path: "/api/admin/users/{id}/role",
    summary: "Change a member's role (support ↔ admin); not oneself, nor the last active admin",
    roles: "admin",
    tag: "account",
    body: ChangeRoleBody,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/admin/users/{id}/disable",
    summary: "« Désactiver »: sessions revoked, open alerts released; not oneself, nor the last active admin",
    roles: "admin",
    tag: "account",
    errors: [409],
  },
  {
    method: "post",
    path: "/api/admin/users/{id}/enable",
    summary: "« Réactiver » a disabled member",
    roles: "admin",
    tag: "account",
  },
  {
    method: "delete",
    path: "/api/admin/users/{id}/two-factor",
    summary: "Reset a member's two-factor (lost phone and codes): off, sessions ended; not one's own",
    roles: "admin",
    tag: "account",
    errors: [409],
  },
  {
    method: "delete",
    path: "/api/admin/users/{id}/sessions",
    summary: "« Déconnecter partout »: every open session of the member ends",
    roles: "admin",
    tag: "account",
  },
  {
    method: "patch",
    path: "/api/me/locale",
    summary: "The signed-in person's language (fr, en) for their pages and e-mails",
    roles: "signed in",
    tag: "account",
    body: AccountLocaleBody,
  },
  {
    method: "get",
    path: "/api/me/two-factor",
    summary: "Two-factor: on or off, recovery codes left",
    roles: "support, admin",
    tag: "account",
  },
  {
    method: "delete",
    path: "/api/me/two-factor",
    summary: "Turn two-factor off with a current code (refused to admins when it is required)",
    roles: "support, admin",
    tag: "account",
    body: TwoFactorCodeBody,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/me/two-factor/enrolment",
    summary: "Start enrolment: a new secret for the authenticator app (QR code, key)",
    roles: "support, admin",
    tag: "account",
    status: 201,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/me/two-factor/confirm",
    summary: "Confirm enrolment with a code: two-factor on, ten recovery codes in this answer only",
    roles: "support, admin",
    tag: "account",
    body: TwoFactorCodeBody,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/me/two-factor/recovery-codes",
    summary: "Ten new recovery codes, with a current code",
    roles: "support, admin",
    tag: "account",
    body: TwoFactorCodeBody,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/admin/users/{id}/invitation",
    summary: "« Inviter »: an account without a password gets its link",
    roles: "admin",
    tag: "account",
    status: 201,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/password-reset",
    summary: "« Mot de passe oublié »: the same 202 whatever the address; throttled as sign-in (429)",
    roles: "public",
    tag: "account",
    body: PasswordResetRequestBody,
    status: 202,
    errors: [429],
  },
  {
    method: "post",
    path: "/api/password-reset/inspect",
    summary: "Which address a reset link is for, or why it no longer works (the token in the body)",
    roles: "public",
    tag: "account",
    body: PasswordResetTokenBody,
  },
  {
    method: "post",
    path: "/api/password-reset/complete",
    summary: "The new password; the link is used up and every session of the account ends",
    roles: "public",
    tag: "account",
    body: CompletePasswordResetInput,
    errors: [409, 422],
  },
  {
    method: "post",
    path: "/api/invitations/inspect",
    summary: "Who an invitation's link is for, or why it no longer works (the token in the body, never a URL)",
    roles: "public",
    tag: "account",
    body: InspectInvitationBody,
  },
  {
    method: "post",
    path: "/api/invitations/renew",
    summary:
      "« Recevoir un nouveau lien » from an expired or replaced link, to the same account's address (the same answer whatever the link)",
    roles: "public",
    tag: "account",
    body: InspectInvitationBody,
  },
  {
    method: "post",
    path: "/api/invitations/accept",
    summary: "Choose the password of an invited account; the link is used up",
    roles: "public",
    tag: "account",
    body: AcceptInvitationInput,
    errors: [409, 422],
  },
  {
    method: "post",
    path: "/api/v1/reservations/batch",
    summary: "Up to 1,000 reservations, each with its result",
    roles: "key: reservations:write",
    tag: "integration",
    body: batchOf(ReservationItem),
    errors: [413],
  },
];

function mergeQueries(...schemas: z.ZodObject[]): z.ZodObject {
  return schemas.reduce((merged, schema) => merged.extend(schema.shape));
}

// Transforms, refinements and coercions are server-side: the document describes what a client sends.
const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          examples: ["VALIDATION_FAILED", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "UNPROCESSABLE"],
        },
        message: { type: "string" },
        details: {},
      },
    },
  },
};

function parameters(operation: Operation) {
  const inPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    // The platform's own ids (listings, reservations, hosts) are its own: letters, digits and ._:-
    schema: { type: "string", pattern: name === "id" ? "^[A-Za-z0-9_-]{1,64}$" : "^[A-Za-z0-9._:-]{1,128}$" },
  }));
  if (!operation.query) return inPath;
  const query = jsonSchema(operation.query) as { properties?: Record<string, unknown>; required?: string[] };
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: (query.required ?? []).includes(name) && !(schema as { default?: unknown }).hasOwnProperty("default"),
    schema,
  }));
  return [...inPath, ...inQuery];
}

/** The whole document. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
    const status = String(operation.status ?? 200);
    const success = operation.produces
      ? { description: "OK", content: { [operation.produces]: { schema: { type: "string" } } } }
      : {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { data: {}, meta: { type: "object" } },
                required: operation.path === "/api/health" || operation.path === "/api/openapi.json" ? [] : ["data"],
              },
            },
          },
        };
    const errors = Object.fromEntries(
      [
        ["400", "Invalid input"],
        ...(operation.roles === "public"
          ? []
          : operation.roles.startsWith("key:")
            ? [
                ["401", "No key, or an unknown, revoked or expired one"],
                ["403", "The key lacks the scope (details.missingScope)"],
                ["429", "Past the key's requests per minute (Retry-After, RateLimit-*)"],
              ]
            : [
                ["401", "No valid session"],
                ["403", "Wrong role, or a cross-site request"],
              ]),
        ...(operation.path.includes("{") ? [["404", "Not found"]] : []),
        ...(operation.errors ?? []).map((code) => [
          String(code),
          code === 409
            ? "Contradicts an account, another item or the current state"
            : code === 413
              ? "Body over 5 MB, or more than 1,000 items"
              : code === 429
                ? "Too many requests from this address (Retry-After)"
                : "Well-formed but refused (details name the field)",
        ]),
        ["503", "Database unreachable"],
      ].map(([code, description]) => [
        code,
        { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      ]),
    );
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = {
      summary: operation.summary,
      tags: [operation.tag],
      description: operation.roles.startsWith("key:")
        ? `API key with scope ${operation.roles.slice(5)}.`
        : `Roles: ${operation.roles}.`,
      ...(operation.roles === "public"
        ? { security: [] }
        : operation.roles.startsWith("key:")
          ? { security: [{ apiKey: [] }] }
          : {}),
      parameters: parameters(operation),
      ...(operation.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body) } } } }
        : {}),
      responses: { [status]: success, ...errors },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Calendar-sync alerts API",
      version: "1.0.0",
      description:
        "The support back-office's and the hosts' REST API. Every answer is { data, meta? } or { error: { code, message, details? } }. " +
        "State changes must come from the app's own origin (cookies are SameSite; a cross-site request is a 403). " +
        "The integration API (/api/v1) takes an API key (Authorization: Bearer csa_…, made in « Intégrations »), never a session, and " +
        "answers 429 with Retry-After past API_KEY_REQUESTS_PER_MINUTE. " +
        `Webhook payloads sent to notification channels: event types ${CHANNEL_EVENT_TYPES.join(", ")} and test (docs/webhooks.md).`,
    },
    servers: [{ url: serverUrl }],
    tags: [
      "alerts",
      "conflicts",
      "incidents",
      "feeds",
      "exports",
      "channels",
      "account",
      "operations",
      "integration",
    ].map((name) => ({ name })),
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "next-auth session (__Secure- prefixed over HTTPS)",
        },
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "csa_ and 43 base62 characters",
          description: "An integration key (« Intégrations »), never in a URL",
        },
      },
      schemas: { Error: ERROR },
    },
    security: [{ session: [] }],
    paths,
  };
}
