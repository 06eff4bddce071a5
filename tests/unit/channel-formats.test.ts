import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { slackMessage } from "@/server/services/notifications/channels/slack-message";
import { teamsMessage } from "@/server/services/notifications/channels/teams-card";
import { webhookRequest } from "@/server/services/notifications/channels/webhook-request";
import { alertEscalatedData } from "@/server/services/notifications/channels/event-data";
import type { ChannelEvent } from "@/server/services/notifications/channels/event-summary";

// A fixed event: the formats' snapshots change only when the formats do.
const event: ChannelEvent = {
  id: "evt0fixed0event0id000001",
  type: "alert.escalated",
  timestamp: "2026-11-28T08:15:00.000Z",
  data: {
    ...alertEscalatedData(
      {
        id: "alert0fixed000000000001",
        listing: { id: "listing0fixed00000000001", title: "Studio <Vieux-Port> & terrasse" },
        errorType: "FEED_NOT_FOUND",
        errorMessage: "HTTP 404 sur https://www.airbnb.fr/calendar/ical/123.ics?s=token-secret",
        failedAttempts: 4,
        escalationReason: null,
        firstFailedAt: "2026-11-27T20:00:00.000Z",
        lastFailedAt: "2026-11-28T08:00:00.000Z",
      },
      "https://support.example.fr",
    ),
    nextArrivalAt: "2026-11-30T15:00:00Z",
  },
};

describe("channel formats", () => {
  it("Slack: text for the notification, Block Kit with the listing, the error in French, attempts, next arrival and a button", () => {
    const message = slackMessage(event);
    expect(message).toMatchSnapshot();
    expect(JSON.stringify(message)).not.toContain("token-secret");
    // mrkdwn markup in a title stays text.
    expect(JSON.stringify(message.blocks[1])).toContain("Studio &lt;Vieux-Port&gt; &amp; terrasse");
  });

  it("Teams: an Adaptive Card in the Workflows webhook format", () => {
    const message = teamsMessage(event);
    expect(message).toMatchSnapshot();
    expect(message.attachments[0]!.content.actions).toEqual([
      {
        type: "Action.OpenUrl",
        title: "Ouvrir l'alerte",
        url: "https://support.example.fr/admin/alerts/calendar-sync/alert0fixed000000000001",
      },
    ]);
  });

  it("Webhooks: the body and headers of the Standard Webhooks specification, verified by its library", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const sentAt = new Date("2026-11-28T08:15:30Z");
    const { body, headers } = webhookRequest(event, [secret], sentAt);
    expect(JSON.parse(body)).toEqual({
      type: "alert.escalated",
      timestamp: "2026-11-28T08:15:00.000Z",
      data: event.data,
    });
    expect(headers["webhook-id"]).toBe(event.id);
    expect(headers["webhook-timestamp"]).toBe(String(sentAt.getTime() / 1000));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(body).not.toContain("token-secret");
    // verify() checks the timestamp against the clock: signed now, it verifies; a byte changed, it does not.
    const fresh = webhookRequest(event, [secret], new Date());
    expect(new Webhook(secret).verify(fresh.body, fresh.headers)).toEqual(JSON.parse(fresh.body));
    expect(() => new Webhook(secret).verify(fresh.body.replace("Studio", "Stadio"), fresh.headers)).toThrow();
  });
});
