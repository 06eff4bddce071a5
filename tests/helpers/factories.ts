import { randomBytes } from "node:crypto";
import { calendarFeeds, listings, users, type UserRole } from "@/server/db/schema";
import type { Database } from "@/server/db/database";
import { hashPassword } from "@/server/services/users/password";
import { getConfig } from "@/server/config";
import type { Viewer } from "@/server/auth/viewer";
import { protectFeedUrl } from "@/server/services/calendar/feed-url";

const unique = () => randomBytes(5).toString("hex");

// One precomputed hash keeps factories fast; tests that check passwords create users through the service.
let sharedHash: Promise<string> | undefined;
export const FACTORY_PASSWORD = "factory-pass-1";

export async function makeUser(db: Database, role: UserRole, overrides: Partial<typeof users.$inferInsert> = {}) {
  sharedHash ??= hashPassword(FACTORY_PASSWORD);
  const id = unique();
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${id}@test.example`,
      name: `${role} ${id}`,
      role,
      passwordHash: await sharedHash,
      ...overrides,
    })
    .returning();
  return user!;
}

export const makeSupportUser = (db: Database) => makeUser(db, "support");
export const makeHostUser = (db: Database) => makeUser(db, "host");

export async function makeListing(db: Database, overrides: Partial<typeof listings.$inferInsert> = {}) {
  const ownerId = overrides.ownerId ?? (await makeHostUser(db)).id;
  const [listing] = await db
    .insert(listings)
    .values({ title: `Annonce ${unique()}`, city: "Lyon", ownerId, ...overrides })
    .returning();
  return listing!;
}

export async function makeFeed(
  db: Database,
  listingId: string,
  options: { url?: string } & Partial<typeof calendarFeeds.$inferInsert> = {},
) {
  const { url = `http://127.0.0.1:9/${unique()}.ics?t=secret`, ...overrides } = options;
  const [feed] = await db
    .insert(calendarFeeds)
    .values({ listingId, provider: "Airbnb", ...protectFeedUrl(url, getConfig().encryptionKey), ...overrides })
    .returning();
  return feed!;
}

/** A back-office viewer for calling read services directly (the services check the role, not the row). */
export const SUPPORT_VIEWER: Viewer = {
  id: "test-support-viewer",
  role: "support",
  name: "Support (tests)",
  email: "support-viewer@test.example",
};
