import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing, SUPPORT_VIEWER } from "../helpers/factories";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { listAlerts } from "@/server/services/back-office/back-office.service";
import { RESOLVED_COUNT_CAP } from "@/server/services/back-office/list-alerts";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe("status counts over a long history", () => {
  it("counts open alerts exactly and caps the resolved count, saying so", async () => {
    const listing = await makeListing(testDb.db);
    await testDb.db.execute(sql`insert into calendar_sync_alerts (id, listing_id, error_type, error_message, first_failed_at, last_failed_at, status, resolved_at)
      select 'old-' || g, ${listing.id}, 'TIMEOUT', 't', now() - interval '1 day', now() - interval '1 day', 'resolved', now()
      from generate_series(1, ${RESOLVED_COUNT_CAP + 5}::int) g`);
    await createCalendarSyncAlert(listing.id, "TIMEOUT", "t");
    const page = await listAlerts(SUPPORT_VIEWER, {});
    expect(page.meta.counts).toEqual({ active: 1, escalated: 0, resolved: RESOLVED_COUNT_CAP });
    expect(page.meta.resolvedCountCapped).toBe(true);
    const narrow = await listAlerts(SUPPORT_VIEWER, { errorType: "FEED_GONE" });
    expect(narrow.meta).toMatchObject({ counts: { active: 0, escalated: 0, resolved: 0 }, resolvedCountCapped: false });
  });
});
