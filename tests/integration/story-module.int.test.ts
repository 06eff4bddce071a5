import { systemContext } from "@/server/service-context";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing, makeSupportUser } from "../helpers/factories";
import { calendarSyncAlerts, emailOutbox } from "@/server/db/schema";
import { createCalendarSyncAlert, getActiveAlerts, resolveAlert } from "@/server/services/support/alert.service";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;

describe("the story's module (support/alert.service.ts)", () => {
  it("counts 50 concurrent three-argument failures of one listing on one alert, escalated once with one e-mail; lists it; resolves it", async () => {
    const listing = await makeListing(db());
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createCalendarSyncAlert(listing.id, "REMOTE_SERVER_ERROR", `HTTP 500 #${i}`),
      ),
    );
    const rows = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "escalated", failedAttempts: 50 });
    await fanOutEvents(systemContext(db()));
    expect(
      await db()
        .select()
        .from(emailOutbox)
        .where(like(emailOutbox.dedupeKey, `%${rows[0]!.id}%`)),
    ).toHaveLength(1);

    const agent = await makeSupportUser(db());
    const viewer = { id: agent.id, role: agent.role, name: agent.name, email: agent.email };
    expect((await getActiveAlerts(viewer)).map((alert) => alert.id)).toContain(rows[0]!.id);
    expect(await resolveAlert(rows[0]!.id, agent.id)).toMatchObject({ id: rows[0]!.id, status: "resolved" });
    expect((await getActiveAlerts(viewer)).map((alert) => alert.id)).not.toContain(rows[0]!.id);
  });
});
