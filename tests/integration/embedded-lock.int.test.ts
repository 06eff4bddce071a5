import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { acquirePgliteLock, DatabaseBusyError } from "@/server/db/pglite-lock";
import { createTestDatabase } from "../helpers/test-database";
import { makeListing } from "../helpers/factories";
import { calendarFeeds } from "@/server/db/schema";
import { encryptLegacyFeedUrls, revealFeedUrl } from "@/server/services/calendar/feed-url";
import { getConfig } from "@/server/config";

describe("embedded database directory lock", () => {
  it("lets one holder in, refuses a second, and is free again once released", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "lock-")), "pglite");
    const release = await acquirePgliteLock(dir, 0);
    await expect(acquirePgliteLock(dir, 0)).rejects.toThrowError(DatabaseBusyError);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    (await acquirePgliteLock(dir, 0))();
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "lock-")), "pglite");
    writeFileSync(`${dir}.lock`, "999999999");
    const release = await acquirePgliteLock(dir, 0);
    release();
  });
});

describe("feed URLs stored before encryption", () => {
  it("are encrypted by the worker at start and read back unchanged", async () => {
    const testDb = await createTestDatabase();
    try {
      const listing = await makeListing(testDb.db);
      const plain = "https://www.vrbo.com/icalendar/abc.ics?token=LEGACY";
      await testDb.db
        .insert(calendarFeeds)
        .values({ id: "legacy-feed", listingId: listing.id, provider: "Vrbo", urlCiphertext: plain });
      expect(await encryptLegacyFeedUrls(testDb.ctx, getConfig().encryptionKey)).toBe(1);
      const [feed] = await testDb.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, "legacy-feed"));
      expect(feed!.urlCiphertext).toMatch(/^v1:/);
      expect(feed!.urlMasked).toBe("https://www.vrbo.com/icalendar/…?…");
      expect(revealFeedUrl(feed!, getConfig().encryptionKey)).toBe(plain);
      expect(await encryptLegacyFeedUrls(testDb.ctx, getConfig().encryptionKey)).toBe(0);
    } finally {
      await testDb.close();
    }
  });
});
