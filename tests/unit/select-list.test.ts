import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { calendarFeeds, calendarSyncAlerts } from "@/server/db/schema";
import { selectList } from "@/server/db/select-list";

describe("raw SQL select lists derived from the schema", () => {
  it("names every column of the table under its field, so a column added to the schema is read too", () => {
    const list = selectList(calendarSyncAlerts);
    for (const [field, column] of Object.entries(getTableColumns(calendarSyncAlerts)))
      expect(list).toContain(`"${column.name}" as "${field}"`);
    expect(list.split(", ")).toHaveLength(Object.keys(getTableColumns(calendarSyncAlerts)).length);
  });

  it("names only the fields asked for, qualified by the alias", () => {
    expect(selectList(calendarFeeds, { fields: ["id", "listingId", "lastFullFetchAt"], alias: "f" })).toBe(
      `f."id" as "id", f."listing_id" as "listingId", f."last_full_fetch_at" as "lastFullFetchAt"`,
    );
  });
});
