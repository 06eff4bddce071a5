import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing } from "../helpers/factories";
import { calendarFeeds } from "@/server/db/schema";
import { protectFeedUrl, reencryptFeedUrls, revealFeedUrl } from "@/server/services/calendar/feed-url";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe("rotating APP_ENCRYPTION_KEY", () => {
  it("reads URLs under the previous key during the rotation, re-encrypts them all under the new one, and is idempotent", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const listing = await makeListing(testDb.db);
    const urls = Array.from({ length: 7 }, (_, i) => `https://www.airbnb.fr/calendar/ical/${i}.ics?s=TOKEN${i}`);
    const ids: string[] = [];
    for (const [i, url] of urls.entries()) {
      // Six feeds under the old key, the last one already saved under the new key (added during the rotation).
      const [row] = await testDb.db
        .insert(calendarFeeds)
        .values({ listingId: listing.id, provider: "Airbnb", ...protectFeedUrl(url, i < 6 ? oldKey : newKey) })
        .returning();
      ids.push(row!.id);
    }
    const stored = async (id: string) =>
      (await testDb.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, id)))[0]!;

    // Step one: the new key is current, the old one previous: every URL can be read.
    expect(revealFeedUrl(await stored(ids[0]!), newKey, oldKey)).toBe(urls[0]);
    expect(() => revealFeedUrl({ urlCiphertext: "v1:x:y:z" }, newKey, oldKey)).toThrow();

    // Step two.
    // A URL under a third key (a damaged row) is reported and does not stop the others.
    const [lost] = await testDb.db
      .insert(calendarFeeds)
      .values({
        listingId: listing.id,
        provider: "Airbnb",
        ...protectFeedUrl("https://lost.example/x.ics?s=T", randomBytes(32)),
      })
      .returning();
    expect(await reencryptFeedUrls(testDb.ctx, { key: newKey, previousKey: oldKey, batchSize: 4 })).toEqual({
      reencrypted: 6,
      unreadable: [lost!.id],
    });
    for (const [i, id] of ids.entries()) {
      const feed = await stored(id);
      expect(revealFeedUrl(feed, newKey)).toBe(urls[i]);
      expect(feed.urlFingerprint).toBe(protectFeedUrl(urls[i]!, newKey).urlFingerprint);
    }
    expect(await reencryptFeedUrls(testDb.ctx, { key: newKey, previousKey: oldKey })).toEqual({
      reencrypted: 0,
      unreadable: [lost!.id],
    });
  });
});
