import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, TEST_ON_POSTGRES, type TestDatabase } from "../helpers/test-database";
import { listings, users, calendarFeeds } from "@/server/db/schema";
import { seedDemoData } from "@/demo/seed-demo-data";
import { DEMO_LISTINGS, DEMO_USERS } from "@/demo/demo-data";
import { makeUser } from "../helpers/factories";
import { isUniqueViolation } from "@/server/errors";
import { queryRows } from "@/server/db/query-rows";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe(`database on ${TEST_ON_POSTGRES ? "PostgreSQL" : "PGlite"}`, () => {
  it("has every table after the migrations", async () => {
    const rows = await queryRows<{ table_name: string }>(
      testDb.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const tables = rows.map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining(["users", "listings", "calendar_feeds", "audit_logs"]));
  });

  it("applies the migrations a second time as a no-op", async () => {
    await testDb.migrateAgain();
    const [row] = await queryRows<{ count: number }>(
      testDb.db,
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    expect(row!.count).toBeGreaterThan(0);
  });

  it("refuses two accounts whose emails differ only by case", async () => {
    await makeUser(testDb.db, "support", { email: "Same@Example.com" });
    const error = await makeUser(testDb.db, "host", { email: "same@example.com" }).catch((e: unknown) => e);
    expect(isUniqueViolation(error, "users_email_lower_key")).toBe(true);
  });

  it("loads the demo data once: a second seed changes nothing", async () => {
    const first = await seedDemoData(testDb.ctx, { feedsBaseUrl: "http://127.0.0.1:4010" });
    expect(first.usersCreated).toBe(DEMO_USERS.length);
    expect(first.listingsCreated).toBe(DEMO_LISTINGS.length);
    const counts = async () => {
      const [row] = await testDb.db
        .select({
          users: sql<number>`(select count(*)::int from ${users})`,
          listings: sql<number>`(select count(*)::int from ${listings})`,
          feeds: sql<number>`(select count(*)::int from ${calendarFeeds})`,
        })
        .from(sql`(select 1) as one`);
      return row;
    };
    const before = await counts();
    const second = await seedDemoData(testDb.ctx, { feedsBaseUrl: "http://127.0.0.1:4010" });
    expect(second).toEqual({ usersCreated: 0, listingsCreated: 0, feedsCreated: 0 });
    expect(await counts()).toEqual(before);
    expect(before!.feeds).toBe(DEMO_LISTINGS.reduce((total, listing) => total + listing.feeds.length, 0));
  });
});
