import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeListing } from "../helpers/factories";
import { calendarBlocks, calendarFeeds, emailOutbox } from "@/server/db/schema";
import { createCalendarSyncAlert, sendMorningDigest } from "@/server/services/alerting/alerting.service";
import { systemContext } from "@/server/service-context";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;
// The outbox as the worker's next turn leaves it: the recorded events fanned out first.
const digests = async () => {
  await fanOutEvents(systemContext(db()));
  return db()
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.dedupeKey, "support-digest:%"))
    .orderBy(emailOutbox.createdAt);
};
const digestAt = (iso: string) =>
  sendMorningDigest(systemContext(db()), {
    now: new Date(iso),
    hour: 8,
    timeZone: "Europe/Paris",
    recipient: "support@example.com",
  });

describe("the morning digest", () => {
  it("waits for 8:00 in Paris, says nothing when there is nothing to say, then goes once a day whoever sends it, and late in the day too", async () => {
    // 7:30 in Paris: not yet. 8:30, an empty platform: nothing.
    expect(await digestAt("2026-12-02T06:30:00Z")).toEqual({ outcome: "not-yet", day: "2026-12-02" });
    expect(await digestAt("2026-12-02T07:30:00Z")).toEqual({ outcome: "nothing", day: "2026-12-02" });
    expect(await digests()).toEqual([]);

    // The next day: an escalated alert nobody owns, with an arrival in three days, and one fresh alert.
    const listing = await makeListing(db(), { title: "Villa du résumé" });
    const feed = await makeFeed(db(), listing.id, { provider: "Airbnb" });
    await db().update(calendarFeeds).set({ consecutiveFailures: 3 }).where(eq(calendarFeeds.id, feed.id));
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "404",
      feedId: feed.id,
      feedConsecutiveFailures: 3,
      feedLabel: "Airbnb",
      threshold: 3,
      occurredAt: new Date("2026-12-01T10:00:00Z"),
    });
    await db()
      .insert(calendarBlocks)
      .values({
        feedId: feed.id,
        listingId: listing.id,
        uid: "r1",
        startsAt: new Date("2026-12-06T15:00:00Z"),
        endsAt: new Date("2026-12-08T10:00:00Z"),
        allDay: false,
        summary: null,
        kind: "reservation",
      });
    const other = await makeListing(db(), { title: "Studio du matin" });
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: other.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
      threshold: 3,
      occurredAt: new Date("2026-12-03T05:00:00Z"),
    });

    // Two workers at 8:05, and one started at 15:00: one digest for the day.
    const [first, second] = await Promise.all([digestAt("2026-12-03T07:05:00Z"), digestAt("2026-12-03T07:05:00Z")]);
    expect([first.outcome, second.outcome].sort()).toEqual(["already", "queued"]);
    expect((await digestAt("2026-12-03T14:00:00Z")).outcome).toBe("already");
    const [digest] = await digests();
    expect(await digests()).toHaveLength(1);
    expect(digest).toMatchObject({
      dedupeKey: "support-digest:2026-12-03",
      recipient: "support@example.com",
      kind: "support.digest",
    });
    expect(digest!.subject).toBe("[Résumé du matin] 2 alertes ouvertes, 1 sans responsable, 1 arrivée à risque");
    expect(digest!.textBody).toContain(
      "Alertes ouvertes : 2 (moins d'un jour : 1 · 1 à 3 jours : 1 · 3 à 7 jours : 0 · plus d'une semaine : 0)",
    );
    expect(digest!.textBody).toContain("- Villa du résumé : http");
    expect(digest!.textBody).toMatch(/Arrivées à risque :\n- Villa du résumé : arrivée le .*6 déc/);
    // The first digest counts the last day: the fresh alert, not the one of 1 December.
    expect(digest!.textBody).toContain("Depuis le dernier résumé : 1 alerte ouverte, aucune résolue");

    // A worker started late the next day, the first to look: it still sends that day's, counting since the last one.
    const late = await digestAt("2026-12-04T16:00:00Z");
    expect(late).toEqual({ outcome: "queued", day: "2026-12-04" });
    const [, next] = await digests();
    // Since the previous digest's morning (3 December, 8:00 in Paris): nothing opened after it.
    expect(next!.textBody).toContain("Depuis le dernier résumé : aucune alerte ouverte, aucune résolue");
  });
});
