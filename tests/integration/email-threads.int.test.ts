import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeListing, makeSupportUser } from "../helpers/factories";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { calendarFeeds, emailOutbox } from "@/server/db/schema";
import { createCalendarSyncAlert, resolveAlertIfListingHealthy } from "@/server/services/alerting/alerting.service";
import { drainOutbox } from "@/server/services/notifications/outbox-sender";
import { createSmtpTransport, type MailTransport } from "@/server/services/notifications/mail-transport";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { recordIncidentEvent } from "@/server/services/alerting/alerting.service";
import { openIncident, resolveIncident } from "@/server/services/incidents/incidents.service";
import { inTransaction, systemContext } from "@/server/service-context";
import { PATCH as resolveRoute } from "@/app/api/admin/alerts/[id]/resolve/route";

let testDb: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
beforeAll(async () => {
  testDb = await createTestDatabase();
  smtp = await startSmtpServer();
  transport = createSmtpTransport(smtp.url);
});
afterAll(async () => {
  transport.close();
  await smtp.stop();
  await testDb.close();
});
const db = () => testDb.db;
const THRESHOLD = 3;

async function escalatedAlert(title: string) {
  const listing = await makeListing(db(), { title });
  const feed = await makeFeed(db(), listing.id, { provider: "Airbnb" });
  await db().update(calendarFeeds).set({ consecutiveFailures: THRESHOLD }).where(eq(calendarFeeds.id, feed.id));
  const { alert, escalated } = await createCalendarSyncAlert(testDb.ctx, {
    listingId: listing.id,
    errorType: "FEED_NOT_FOUND",
    errorMessage: "HTTP 404",
    feedId: feed.id,
    feedConsecutiveFailures: THRESHOLD,
    feedLabel: "Airbnb",
    threshold: THRESHOLD,
  });
  expect(escalated).toBe(true);
  return { listing, feed, alert };
}

// As the worker's mail loop: the recorded events fanned out, then the outbox sent.
const drain = async () => {
  await fanOutEvents(systemContext(db()));
  return drainOutbox(systemContext(db()), { transport, senderId: "threads-test", from: "alertes@example.com" });
};
/** What the SMTP server received of the e-mail queued under this dedupe key (found by its stored Message-ID). */
async function received(dedupeKey: string) {
  const [row] = await db()
    .select({ messageId: emailOutbox.messageId })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, dedupeKey));
  return row ? smtp.received.filter((mail) => mail.messageId === row.messageId) : [];
}

describe("e-mails that follow their story, read from a real SMTP server", () => {
  it("answers an escalation resolved by hand with « [Résolu] », by whom and the note, in the escalation's thread", async () => {
    const { alert } = await escalatedAlert("Studio des Threads");
    const agent = await makeSupportUser(db());
    const resolved = await readJson(
      await resolveRoute(
        apiRequest(`/api/admin/alerts/${alert.id}/resolve`, {
          method: "PATCH",
          cookie: await sessionCookieFor(agent),
          body: JSON.stringify({ note: "Nouveau lien reçu." }),
        }),
        routeContext({ id: alert.id }),
      ),
    );
    expect(resolved.status).toBe(200);
    await drain();
    const [escalation] = await received(`calendar-sync-alert-escalated:${alert.id}`);
    const [resolution] = await received(`calendar-sync-alert-resolved:${alert.id}`);
    expect(escalation?.messageId).toMatch(/^<[0-9a-f]{32}@calendar-sync-alerts>$/);
    expect(resolution?.inReplyTo).toBe(escalation!.messageId);
    expect(resolution?.references).toBe(escalation!.messageId);
    const text = decodeQuotedPrintable(resolution!.raw);
    expect(text).toContain("[Résolu]");
    expect(text).toContain(`par ${agent.name}`);
    expect(text).toContain("Nouveau lien reçu.");
    // The Message-ID is the one stored with the outbox row.
    const rows = await db()
      .select({ messageId: emailOutbox.messageId, inReplyTo: emailOutbox.inReplyTo })
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `calendar-sync-alert-resolved:${alert.id}`));
    expect(rows).toEqual([{ messageId: resolution!.messageId, inReplyTo: escalation!.messageId }]);
  });

  it("answers an escalation resolved by recovery once, and says nothing for an alert that never escalated", async () => {
    const { alert, feed, listing } = await escalatedAlert("Chalet des Threads");
    await db().update(calendarFeeds).set({ consecutiveFailures: 0 }).where(eq(calendarFeeds.id, feed.id));
    await inTransaction(testDb.ctx, (tx) => resolveAlertIfListingHealthy(tx, { listingId: listing.id }));
    await inTransaction(testDb.ctx, (tx) => resolveAlertIfListingHealthy(tx, { listingId: listing.id }));
    const quiet = await makeListing(db(), { title: "Loft sans escalade" });
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: quiet.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
      threshold: THRESHOLD,
    });
    await inTransaction(testDb.ctx, (tx) => resolveAlertIfListingHealthy(tx, { listingId: quiet.id }));
    await drain();
    const resolutions = await received(`calendar-sync-alert-resolved:${alert.id}`);
    expect(resolutions).toHaveLength(1);
    expect(decodeQuotedPrintable(resolutions[0]!.raw)).toContain("automatiquement");
    expect(resolutions[0]!.inReplyTo).toBe((await received(`calendar-sync-alert-escalated:${alert.id}`))[0]!.messageId);
    expect(
      await db().select().from(emailOutbox).where(eq(emailOutbox.kind, "calendar_sync_alert.resolved")),
    ).toHaveLength(2);
  });

  it("threads a provider incident's resolution under its opening", async () => {
    const stats = { feedsFailing: 10, listingsFailing: 10, feedsSynced: 20, errorCounts: { TIMEOUT: 10 } };
    const opened = await openIncident(testDb.ctx, {
      providerKey: "127.0.0.9",
      stats,
      now: new Date(),
      probeIntervalSeconds: 60,
    });
    await recordIncidentEvent(testDb.ctx, { kind: "opened", incident: opened.incident });
    const closed = await resolveIncident(testDb.ctx, {
      incidentId: opened.incident.id,
      resolution: { by: null, kind: "probes" },
      now: new Date(),
    });
    await recordIncidentEvent(testDb.ctx, { kind: "resolved", incident: closed! });
    await drain();
    const [first] = await received(`provider-incident-opened:${opened.incident.id}`);
    const [second] = await received(`provider-incident-resolved:${opened.incident.id}`);
    expect(first?.messageId).toBeDefined();
    expect(second!.inReplyTo).toBe(first!.messageId);
    expect(first!.inReplyTo).toBeUndefined();
  });
});

/** The quoted-printable text of a raw message, decoded enough to read its French (soft breaks, =XX bytes as UTF-8). */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}
