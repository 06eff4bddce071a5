import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { eq, sql } from "drizzle-orm";
import { schema, type Database } from "@/server/db/database";
import { migratePgliteInstance } from "@/server/db/migrate";
import { connectPostgres } from "@/server/db/connect";
import { copyEmbeddedToPostgres, CopyRefusedError } from "@/server/db/copy-embedded-to-postgres";
import { auditLogs, calendarFeeds, notificationEvents } from "@/server/db/schema";
import { systemContext } from "@/server/service-context";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { openIncident } from "@/server/services/incidents/incidents.service";
import { listAlerts, listIncidents } from "@/server/services/read-models/read-models.service";
import { revealFeedUrl } from "@/server/services/calendar/feed-url";
import { recordIncidentEvent } from "@/server/services/alerting/alerting.service";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { getConfig } from "@/server/config";
import { makeFeed, makeListing, SUPPORT_VIEWER } from "../helpers/factories";
import { TEST_DATABASE_URL } from "../helpers/test-database";

let source: PGlite;
let embedded: Database;
const targetName = `csa_copy_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const targetUrl = (() => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${targetName}`;
  return url.toString();
})();
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(statement).finally(() => client.end());
};

beforeAll(async () => {
  source = await PGlite.create();
  await migratePgliteInstance(source);
  embedded = drizzle(source, { schema }) as unknown as Database;
  await admin(`create database ${targetName}`);
});
afterAll(async () => {
  await source.close();
  await admin(`drop database if exists ${targetName} with (force)`);
});

describe("npm run db:copy-to", () => {
  it("copies an embedded database with its history into an empty PostgreSQL, read back through the app; refuses a non-empty target", async () => {
    const ctx = systemContext(embedded);
    const listings = [];
    for (let index = 0; index < 5; index++) {
      const listing = await makeListing(embedded, { title: `Annonce copiée ${index}` });
      const feed = await makeFeed(embedded, listing.id, {
        url: `https://www.airbnb.fr/calendar/ical/${index}.ics?s=secret-${index}`,
      });
      await createCalendarSyncAlert(ctx, {
        listingId: listing.id,
        errorType: "FEED_NOT_FOUND",
        errorMessage: "HTTP 404",
        feedId: feed.id,
        feedConsecutiveFailures: 3,
        feedLabel: "Airbnb",
        threshold: 3,
      });
      listings.push({ listing, feed });
    }
    const { incident } = await openIncident(ctx, {
      providerKey: "Booking.com",
      stats: { feedsFailing: 10, listingsFailing: 8, feedsSynced: 12, errorCounts: { TIMEOUT: 10 } },
      now: new Date(),
      probeIntervalSeconds: 60,
    });
    await recordIncidentEvent(ctx, { kind: "opened", incident });
    await fanOutEvents(ctx);
    const sourceAudits = (await embedded.select().from(auditLogs)).length;
    expect(sourceAudits).toBeGreaterThan(0);

    const lines: string[] = [];
    const report = await copyEmbeddedToPostgres(source, targetUrl, (line) => lines.push(line));
    expect(report.tables.find((table) => table.table === "calendar_sync_alerts")!.rows).toBe(5);
    expect(report.tables.find((table) => table.table === "audit_logs")!.rows).toBe(sourceAudits);
    expect(report.sequences).toBeGreaterThan(0);

    const copied = connectPostgres(targetUrl, 2);
    try {
      const support = { db: copied.db, actor: SUPPORT_VIEWER };
      const alerts = await listAlerts(support, { status: "open", limit: 50 });
      expect(alerts.data.map((alert) => alert.listing.title).sort()).toEqual(
        listings.map(({ listing }) => listing.title).sort(),
      );
      const incidents = await listIncidents(support, { status: "open" });
      expect(incidents.data.map((row) => row.provider)).toEqual(["Booking.com"]);
      // Feed URLs: the same ciphertext, opened by the same key.
      const [feed] = await copied.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, listings[0]!.feed.id));
      expect(revealFeedUrl(feed!, getConfig().encryptionKey)).toBe(
        "https://www.airbnb.fr/calendar/ical/0.ics?s=secret-0",
      );
      expect((await copied.db.select().from(auditLogs)).length).toBe(sourceAudits);
      // Sequences continue past the copied rows: a new event takes the next number, not one already used.
      const [before] = await copied.db.select({ max: sql<number>`max(seq)` }).from(notificationEvents);
      await copied.db.execute(
        sql`insert into notification_events (id, dedupe_key, type, data) values ('after-copy', 'after-copy', 'test', '{}')`,
      );
      const [after] = await copied.db
        .select({ seq: notificationEvents.seq })
        .from(notificationEvents)
        .where(eq(notificationEvents.id, "after-copy"));
      expect(after!.seq).toBeGreaterThan(Number(before!.max ?? 0));
    } finally {
      await copied.close();
    }
    await expect(copyEmbeddedToPostgres(source, targetUrl)).rejects.toBeInstanceOf(CopyRefusedError);
  });
});
