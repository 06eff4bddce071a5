import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { users } from "@/server/db/schema";
import { PATCH as localeRoute } from "@/app/api/me/locale/route";
import { GET as alertRoute } from "@/app/api/admin/alerts/[id]/route";

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

describe("an API refusal in the reader's language", () => {
  it("says it in the account's language, else the client's Accept-Language; the code is the same in both", async () => {
    const agent = await makeUser(testDb.db, "support");
    const cookie = await sessionCookieFor(agent);
    const missing = (headers: Record<string, string> = {}) =>
      alertRoute(
        apiRequest("/api/admin/alerts/a0000000000000000000000", { cookie, headers }),
        routeContext({ id: "a0000000000000000000000" }),
      ).then(readJson);

    const french = await missing();
    expect(french.status).toBe(404);
    expect(french.body.error).toMatchObject({
      code: "NOT_FOUND",
      message: "Alerte introuvable : a0000000000000000000000",
    });

    await setLocale(cookie, { locale: "en" });
    const english = await missing({ "accept-language": "fr-FR" });
    expect(english.body.error).toMatchObject({
      code: "NOT_FOUND",
      message: "Alert not found: a0000000000000000000000",
    });

    // Nobody signed in: the client's language decides.
    const anonymous = await readJson(
      await alertRoute(
        apiRequest("/api/admin/alerts/a0000000000000000000000", { headers: { "accept-language": "en-GB,en;q=0.9" } }),
        routeContext({ id: "a0000000000000000000000" }),
      ),
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toEqual({ code: "UNAUTHENTICATED", message: "Authentication required." });
    const anonymousFrench = await readJson(
      await alertRoute(
        apiRequest("/api/admin/alerts/a0000000000000000000000"),
        routeContext({ id: "a0000000000000000000000" }),
      ),
    );
    expect(anonymousFrench.body.error).toEqual({ code: "UNAUTHENTICATED", message: "Authentification requise." });
  });
});
