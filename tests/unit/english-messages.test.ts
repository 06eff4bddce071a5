import { describe, expect, it } from "vitest";
import { renderEscalationEmail } from "@/server/services/notifications/escalation-email";
import { renderAlertResolvedEmail } from "@/server/services/notifications/alert-resolved-email";
import { renderSecondLevelEmail } from "@/server/services/notifications/second-level-email";
import { renderHostNoticeEmail } from "@/server/services/notifications/host-notice-email";
import { renderIncidentOpenedEmail, renderIncidentResolvedEmail } from "@/server/services/notifications/incident-email";
import {
  renderConflictHostEmail,
  renderConflictResolvedEmails,
  renderConflictSupportEmail,
} from "@/server/services/notifications/conflict-email";
import { renderDigestEmail } from "@/server/services/notifications/digest-email";
import { renderInvitationEmail } from "@/server/services/notifications/invitation-email";
import { renderPasswordResetEmail } from "@/server/services/notifications/password-reset-email";
import { renderChannelEmail, renderChannelFailingEmail } from "@/server/services/notifications/channels/channel-email";
import { slackMessage } from "@/server/services/notifications/channels/slack-message";
import { teamsMessage } from "@/server/services/notifications/channels/teams-card";
import type { ChannelEvent } from "@/server/services/notifications/channels/event-summary";
import { encryptSecret } from "@/server/crypto/secret-box";
import { getConfig } from "@/server/config";
import type { Locale } from "@/i18n/locales";
import type { ConflictFacts, IncidentFacts } from "@/server/services/events/events.service";
import { firstFrenchWord } from "../helpers/french-words";

// English data (titles, names, notes): what is checked is our words around them.
const APP = "https://support.example.com";
const LISTING = { id: "listing-1", title: "Harbour loft", city: "Brighton" };
const INCIDENT: IncidentFacts = {
  id: "incident-1",
  providerKey: "Airbnb",
  status: "resolved",
  resolution: "probes",
  openedAt: "2026-12-06T08:00:00.000Z",
  resolvedAt: "2026-12-06T09:30:00.000Z",
  feedsFailing: 2314,
  feedsSynced: 2400,
  listingsFailing: 1900,
  errorCounts: { REMOTE_SERVER_ERROR: 2000, TIMEOUT: 314 },
};
const CONFLICT = (certainty: "certain" | "probable", providers: [string, string]): ConflictFacts => ({
  id: "conflict-1",
  listingTitle: "Harbour loft",
  hostName: "Ava Wilson",
  certainty,
  firstNight: "2026-12-12",
  lastNight: "2026-12-13",
  nights: 2,
  providers,
  arrivedAfterHours: 30,
});

/** Every e-mail the app sends, rendered in `locale`: its name, subject, text and HTML. */
function everyEmail(locale: Locale): Array<[string, { subject: string; text: string; html: string }]> {
  const token = encryptSecret("t".repeat(43), getConfig().encryptionKey);
  const emails: Array<[string, { subject: string; text: string; html: string }]> = [
    [
      "escalation",
      renderEscalationEmail(
        {
          id: "alert-1",
          listing: LISTING,
          errorType: "FEED_NOT_FOUND",
          errorMessage: "HTTP 404",
          failedAttempts: 3,
          escalationReason: null,
          firstFailedAt: "2026-12-06T08:00:00.000Z",
          lastFailedAt: "2026-12-06T09:00:00.000Z",
        },
        APP,
        locale,
      ),
    ],
    ...(["by-hand", "recovery", "host-link", "listing-archived"] as const).map(
      (how) =>
        [
          `resolved ${how}`,
          renderAlertResolvedEmail(
            {
              id: "alert-1",
              listing: LISTING,
              how,
              by: how === "by-hand" ? "Olivia Bennett" : null,
              note: "Link replaced.",
              failedAttempts: 3,
              escalatedAt: "2026-12-06T09:00:00.000Z",
              resolvedAt: "2026-12-06T10:00:00.000Z",
            },
            APP,
            locale,
          ),
        ] as [string, { subject: string; text: string; html: string }],
    ),
    [
      "second level",
      renderSecondLevelEmail(
        {
          id: "alert-1",
          listing: LISTING,
          failedAttempts: 4,
          escalatedAt: "2026-12-06T09:00:00.000Z",
          unownedMinutes: 75,
        },
        APP,
        locale,
      ),
    ],
    ...(["FEED_NOT_FOUND", "INVALID_ICAL", "FEED_SUDDENLY_EMPTY", "TIMEOUT"] as const).map(
      (errorType) =>
        [
          `host notice ${errorType}`,
          renderHostNoticeEmail(
            {
              hostName: "Ava Wilson",
              hostLocale: locale,
              listingTitle: "Harbour loft",
              providerKey: errorType === "TIMEOUT" ? "Some calendar" : "Airbnb",
              feedLabel: "Airbnb",
              errorType,
              everRead: errorType !== "INVALID_ICAL",
            },
            APP,
          ),
        ] as [string, { subject: string; text: string; html: string }],
    ),
    [
      "export notice",
      renderHostNoticeEmail(
        {
          hostName: "Ava Wilson",
          hostLocale: locale,
          listingTitle: "Harbour loft",
          providerKey: "export:airbnb",
          feedLabel: "Airbnb",
          errorType: "EXPORT_NOT_READ",
          everRead: true,
          exportLink: { destination: "airbnb", tokenCiphertext: token, lastReadAt: "2026-12-05T08:00:00.000Z" },
        },
        APP,
      ),
    ],
    ["incident opened", renderIncidentOpenedEmail({ ...INCIDENT, status: "open", resolvedAt: null }, APP, locale)],
    [
      "export incident opened",
      renderIncidentOpenedEmail({ ...INCIDENT, providerKey: "export:booking", status: "open" }, APP, locale),
    ],
    ["incident resolved", renderIncidentResolvedEmail(INCIDENT, APP, locale)],
    ["incident closed", renderIncidentResolvedEmail({ ...INCIDENT, resolution: "manual" }, APP, locale)],
    [
      "export incident resolved",
      renderIncidentResolvedEmail({ ...INCIDENT, providerKey: "export:vrbo", resolution: "reads" }, APP, locale),
    ],
    [
      "digest",
      renderDigestEmail(
        {
          openByAge: { underDay: 1, oneToThreeDays: 2, threeToSevenDays: 0, overWeek: 1 },
          snoozed: 1,
          unownedEscalated: { count: 1, listings: [{ alertId: "alert-1", title: "Harbour loft" }] },
          arrivalsAtRisk: {
            count: 1,
            listings: [{ alertId: "alert-1", title: "Harbour loft", firstArrival: "2026-12-08T15:00:00.000Z" }],
          },
          openedSince: 2,
          resolvedSince: 1,
          openIncidents: ["Airbnb"],
          openConflicts: { certain: 1, probable: 0 },
        },
        { day: "2026-12-07", appUrl: APP, locale },
      ),
    ],
    ...(["host", "support"] as const).map(
      (role) =>
        [
          `invitation ${role}`,
          renderInvitationEmail({
            name: "Ava Wilson",
            role,
            link: `${APP}/invitation#token`,
            expiresAt: new Date("2026-12-10T08:00:00Z"),
            locale,
          }),
        ] as [string, { subject: string; text: string; html: string }],
    ),
    [
      "password reset",
      renderPasswordResetEmail({
        link: `${APP}/reinitialiser#token`,
        expiresAt: new Date("2026-12-07T08:30:00Z"),
        locale,
      }),
    ],
    [
      "channel failing",
      renderChannelFailingEmail(
        { id: "channel-1", name: "On-call", type: "webhook", failures: 5, lastError: "HTTP 500" },
        APP,
        locale,
      ),
    ],
  ];
  for (const conflict of [
    CONFLICT("certain", ["Airbnb", "Booking.com"]),
    CONFLICT("probable", ["Airbnb", "Vrbo"]),
    CONFLICT("certain", ["Platform", "Airbnb"]),
  ]) {
    const name = `conflict ${conflict.certainty} ${conflict.providers.join("/")}`;
    emails.push([`${name} support`, renderConflictSupportEmail(conflict, APP, locale)]);
    emails.push([`${name} host`, renderConflictHostEmail(conflict, APP, locale)]);
    for (const how of ["vanished", "dismissed", "withdrawn"] as const) {
      const ended = renderConflictResolvedEmails(conflict, how, APP, { support: locale, host: locale });
      emails.push([`${name} ${how} support`, ended.support], [`${name} ${how} host`, ended.host]);
    }
  }
  for (const event of CHANNEL_EVENTS)
    emails.push([`channel ${event.type}`, renderChannelEmail(event, "On-call", locale)]);
  return emails;
}

const CHANNEL_EVENTS: ChannelEvent[] = [
  {
    id: "evt-1",
    type: "alert.escalated",
    timestamp: "2026-12-06T09:00:00.000Z",
    data: {
      alert: {
        listing: LISTING,
        errorLabel: "Calendar not found (404)",
        errorHint: "Ask the host.",
        failedAttempts: 3,
      },
      nextArrivalAt: null,
    },
  },
  {
    id: "evt-2",
    type: "alert.resolved",
    timestamp: "2026-12-06T09:00:00.000Z",
    data: { alert: { listing: LISTING, how: "recovery", resolvedAt: "2026-12-06T10:00:00.000Z" } },
  },
  {
    id: "evt-3",
    type: "incident.opened",
    timestamp: "2026-12-06T09:00:00.000Z",
    data: { incident: { provider: "Airbnb", feedsFailing: 10, listingsFailing: 8, openedAt: "2026-12-06T08:00:00Z" } },
  },
  {
    id: "evt-4",
    type: "incident.resolved",
    timestamp: "2026-12-06T09:00:00.000Z",
    data: {
      incident: { provider: "Airbnb", feedsFailing: 10, listingsFailing: 8, resolvedAt: "2026-12-06T09:00:00Z" },
    },
  },
  {
    id: "evt-5",
    type: "conflict.detected",
    timestamp: "2026-12-06T09:00:00.000Z",
    data: {
      conflict: {
        listing: LISTING,
        certainty: "certain",
        nights: 2,
        firstNight: "2026-12-12",
        lastNight: "2026-12-13",
        providers: ["Airbnb", "Vrbo"],
      },
    },
  },
  {
    id: "evt-6",
    type: "conflict.resolved",
    timestamp: "2026-12-06T09:00:00.000Z",
    data: { conflict: { listing: LISTING, certainty: "probable", nights: 1, providers: ["Airbnb", "Vrbo"] } },
  },
  {
    id: "evt-7",
    type: "digest",
    timestamp: "2026-12-06T09:00:00.000Z",
    data: { digest: { day: "2026-12-07", openAlerts: 3, unownedEscalated: 1, arrivalsAtRisk: 0 } },
  },
  { id: "evt-8", type: "test", timestamp: "2026-12-06T09:00:00.000Z", data: { channel: { name: "On-call" } } },
];

/** The words of a message: its addresses left out (URLs do not change with the language: « /hote/calendriers »). */
const words = (text: string) => text.replace(/https?:\/\/\S+/g, " ").replace(/href="[^"]*"/g, " ");

describe("what the app sends, in English", () => {
  it.each(everyEmail("en"))("the %s e-mail has no French word, in its subject, text and HTML", (_name, email) => {
    expect(firstFrenchWord(words(email.subject))).toBeNull();
    expect(firstFrenchWord(words(email.text))).toBeNull();
    expect(firstFrenchWord(words(email.html).replace(/<[^>]+>/g, " "))).toBeNull();
    expect(email.html).toContain('<html lang="en">');
    expect(`${email.subject}${email.text}`).not.toMatch(/[{}]|\(s\)/);
  });

  it.each(CHANNEL_EVENTS.map((event) => [event.type, event] as const))(
    "the Slack and Teams messages of %s have no French word",
    (_type, event) => {
      for (const message of [slackMessage(event, "en"), teamsMessage(event, "en")])
        expect(firstFrenchWord(words(JSON.stringify(message)))).toBeNull();
    },
  );

  it("while the same e-mails in French are French (the check can fail)", () => {
    const french = everyEmail("fr");
    expect(french.length).toBe(everyEmail("en").length);
    for (const [name, email] of french) expect(firstFrenchWord(`${email.subject}\n${email.text}`), name).not.toBeNull();
  });
});
