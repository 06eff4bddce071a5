import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { users } from "@/server/db/schema";
import { PATCH as localeRoute } from "@/app/api/me/locale/route";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

const setLocale = async (cookie: string | undefined, body: unknown) =>
  readJson(await localeRoute(apiRequest("/api/me/locale", { method: "PATCH", cookie, body }), routeContext({})));

describe("PATCH /api/me/locale", () => {
  it("sets the signed-in person's language, whatever the role; anonymous 401; an unknown language 400, nothing changed", async () => {
    expect((await setLocale(undefined, { locale: "en" })).status).toBe(401);
    for (const role of ["host", "support", "admin"] as const) {
      const account = await makeUser(testDb.db, role);
      const cookie = await sessionCookieFor(account);
      expect((await setLocale(cookie, { locale: "en" })).body.data).toEqual({ locale: "en" });
      const refused = await setLocale(cookie, { locale: "de" });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("VALIDATION_FAILED");
      const [after] = await testDb.db.select({ locale: users.locale }).from(users).where(eq(users.id, account.id));
      expect(after!.locale).toBe("en");
    }
  });
});
