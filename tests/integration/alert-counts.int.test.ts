import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing, SUPPORT_VIEWER } from "../helpers/factories";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { listAlerts } from "@/server/services/read-models/read-models.service";
import { iterateAlerts, RESOLVED_COUNT_CAP } from "@/server/services/read-models/list-alerts";
import { countStatements } from "../helpers/count-statements";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe("status counts over a long history", () => {
  it("counts open alerts exactly, caps the resolved count and past the cap estimates the whole history, saying which", async () => {
    // Statistics come from the test's ANALYZE only, not from autovacuum at a moment of its choosing.
    await testDb.db.execute(sql`alter table calendar_sync_alerts set (autovacuum_enabled = false)`);
    const listing = await makeListing(testDb.db);
    await testDb.db
      .execute(sql`insert into calendar_sync_alerts (id, listing_id, error_type, error_message, first_failed_at, last_failed_at, status, resolved_at)
      select 'old-' || g, ${listing.id}, 'TIMEOUT', 't', now() - interval '1 day', now() - interval '1 day', 'resolved', now()
      from generate_series(1, ${RESOLVED_COUNT_CAP + 5}::int) g`);
    await createCalendarSyncAlert(testDb.ctx, { listingId: listing.id, errorType: "TIMEOUT", errorMessage: "t" });
    const page = await listAlerts(testDb.as(SUPPORT_VIEWER), {});
    // Before any statistics: « 1 000+ ».
    expect(page.meta.counts).toEqual({
      active: 1,
      escalated: 0,
      underIncident: 0,
      exportSide: 0,
      snoozed: 0,
      resolved: RESOLVED_COUNT_CAP,
    });
    expect(page.meta).toMatchObject({ resolvedCountCapped: true, resolvedCount: "capped" });
    await testDb.db.execute(sql`analyze calendar_sync_alerts`);
    const estimated = await listAlerts(testDb.as(SUPPORT_VIEWER), {});
    expect(estimated.meta).toMatchObject({ resolvedCountCapped: true, resolvedCount: "estimated" });
    expect(estimated.meta.counts.resolved).toBeGreaterThan(RESOLVED_COUNT_CAP);
    expect(estimated.meta.counts.resolved).toBeLessThan(RESOLVED_COUNT_CAP * 1.2);
    // A narrowed history has no estimate of its own: it stays « 1 000+ ».
    const ofListing = await listAlerts(testDb.as(SUPPORT_VIEWER), { listingId: listing.id });
    expect(ofListing.meta).toMatchObject({ counts: { resolved: RESOLVED_COUNT_CAP }, resolvedCount: "capped" });
    const narrow = await listAlerts(testDb.as(SUPPORT_VIEWER), { errorType: "FEED_GONE" });
    expect(narrow.meta).toMatchObject({
      counts: { active: 0, escalated: 0, resolved: 0 },
      resolvedCountCapped: false,
      resolvedCount: "exact",
    });
  });
});

describe("the list's round trips", () => {
  it("reads a page with rows and its counts in one statement, and an empty page's counts in a second", async () => {
    const listing = await makeListing(testDb.db);
    await createCalendarSyncAlert(testDb.ctx, { listingId: listing.id, errorType: "FEED_GONE", errorMessage: "t" });
    const viewer = testDb.as(SUPPORT_VIEWER);
    const withRows = await countStatements(testDb.db, () => listAlerts(viewer, { listingId: listing.id }));
    expect(withRows.statements).toBe(1);
    expect(withRows.result.data).toHaveLength(1);
    expect(withRows.result.meta.counts).toMatchObject({ active: 1, escalated: 0, snoozed: 0, resolved: 0 });
    const empty = await countStatements(testDb.db, () =>
      listAlerts(viewer, { listingId: listing.id, status: "resolved" }),
    );
    expect(empty.statements).toBe(2);
    expect(empty.result.data).toHaveLength(0);
    // The resolved view leaves out the open view's incident and export counts; the rest is the same.
    expect(empty.result.meta.counts).toEqual({ active: 1, escalated: 0, snoozed: 0, resolved: 0 });
    expect(withRows.result.meta.counts).toEqual({ ...empty.result.meta.counts, underIncident: 0, exportSide: 0 });
  });
});

describe("the CSV export's pages", () => {
  it("read rows only: the list's counts are not computed again for each page", async () => {
    const listing = await makeListing(testDb.db);
    for (let index = 0; index < 3; index++) {
      const raised = await createCalendarSyncAlert(testDb.ctx, {
        listingId: listing.id,
        errorType: "TIMEOUT",
        errorMessage: "t",
      });
      await testDb.db.execute(
        sql`update calendar_sync_alerts set status = 'resolved', resolved_at = now() where id = ${raised.alert.id}`,
      );
    }
    const client = (testDb.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
    const query = client.query;
    const texts: string[] = [];
    client.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      texts.push(typeof first === "string" ? first : (first?.text ?? ""));
      return query.apply(this, args);
    };
    const pages: number[] = [];
    try {
      for await (const page of iterateAlerts(testDb.as(SUPPORT_VIEWER), {
        status: "all",
        listingId: listing.id,
        pageSize: 1,
      }))
        pages.push(page.length);
    } finally {
      client.query = query;
    }
    expect(pages).toEqual([1, 1, 1]);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect(texts.filter((text) => text.includes("resolved_sample") || text.includes("reltuples"))).toEqual([]);
  });
});
