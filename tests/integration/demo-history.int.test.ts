import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { SUPPORT_VIEWER } from "../helpers/factories";
import { emailOutbox, providerIncidents } from "@/server/db/schema";
import { seedDemoData } from "@/demo/seed-demo-data";
import { seedDemoHistory } from "@/demo/seed-demo-history";
import { countFailuresPerDay, listAlerts } from "@/server/services/read-models/read-models.service";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe("the demo's past", () => {
  it("gives the chart, the history and the filters 30 days of past on the first start, once", async () => {
    await seedDemoData(testDb.ctx, { feedsBaseUrl: "http://127.0.0.1:4010" });
    const first = await seedDemoHistory(testDb.ctx);
    expect(first.alerts).toBe(14);
    expect(await seedDemoHistory(testDb.ctx)).toEqual({ alerts: 0 });

    const history = await listAlerts(testDb.as(SUPPORT_VIEWER), { status: "resolved", limit: 100 });
    expect(history.data).toHaveLength(14);
    expect(history.data.some((alert) => alert.resolvedBy?.name === "Sophie Martin")).toBe(true);
    expect(history.data.some((alert) => alert.resolvedAutomatically)).toBe(true);
    expect(history.data.some((alert) => alert.escalatedAt !== null)).toBe(true);
    expect(history.data.some((alert) => alert.escalationHeldAt !== null)).toBe(true);
    expect(history.data.some((alert) => alert.hostNotifiedAt !== null)).toBe(true);
    expect(history.data.every((alert) => new Date(alert.resolvedAt!).getTime() < Date.now() - 86_400_000)).toBe(true);
    expect((await listAlerts(testDb.as(SUPPORT_VIEWER), {})).data).toEqual([]);

    const days = await countFailuresPerDay(testDb.as(SUPPORT_VIEWER), 30);
    expect(days.filter((day) => day.failures > 0).length).toBeGreaterThanOrEqual(10);
    expect(await testDb.db.select().from(providerIncidents).where(eq(providerIncidents.status, "resolved"))).not.toHaveLength(0);
    // The past's e-mails are not sent now.
    expect(await testDb.db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox).where(eq(emailOutbox.status, "pending"))).toEqual([{ n: 0 }]);
  });
});
