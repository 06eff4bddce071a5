import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, sessionCookieFor } from "../helpers/requests";
import { buildAuthOptions } from "@/server/auth/options";
import { createUser } from "@/server/services/users/create-user";
import { ConflictError, ValidationError } from "@/server/errors";
import { GET as getMe } from "@/app/api/admin/me/route";
import { userSessions, auditLogs } from "@/server/db/schema";
import { eq } from "drizzle-orm";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

async function login(email: string, password: string) {
  const provider = buildAuthOptions().providers[0] as CredentialsConfig & { options: CredentialsConfig };
  return provider.options.authorize({ email, password }, {} as never);
}

const noParams = { params: Promise.resolve({}) };

describe("sign-in with e-mail and password", () => {
  it("succeeds with the right password, whatever the e-mail's case", async () => {
    const created = await createUser(testDb.ctx, {
      email: "Agent@Example.com",
      name: "Agent",
      role: "support",
      password: "correct-horse-1",
    });
    const user = await login("agent@EXAMPLE.com", "correct-horse-1");
    expect(user).toMatchObject({ id: created.id, email: "agent@example.com", role: "support" });
  });

  it("fails with a wrong password, an unknown e-mail or empty fields", async () => {
    await createUser(testDb.ctx, {
      email: "agent2@example.com",
      name: "Agent 2",
      role: "support",
      password: "correct-horse-1",
    });
    expect(await login("agent2@example.com", "wrong-horse-1")).toBeNull();
    expect(await login("nobody@example.com", "correct-horse-1")).toBeNull();
    expect(await login("", "")).toBeNull();
  });

  it("puts the user's id, role and a new session's id in the session token", async () => {
    const user = await createUser(testDb.ctx, {
      email: "token@example.com",
      name: "Jeton",
      role: "admin",
      password: "s3cure-pass",
    });
    const options = buildAuthOptions();
    const token = await options.callbacks!.jwt!({
      token: {} as never,
      user: { id: user.id, role: "admin", email: user.email, name: user.name },
      account: null,
    });
    expect(token).toMatchObject({ id: user.id, role: "admin", sid: expect.any(String) });
    const [session] = await testDb.db.select().from(userSessions).where(eq(userSessions.id, token.sid));
    expect(session).toMatchObject({ userId: user.id, revokedAt: null });
  });
});

describe("creating accounts", () => {
  it("stores a hash, never the password, and audits the creation", async () => {
    const user = await createUser(testDb.ctx, {
      email: "new@example.com",
      name: "Nouvel agent",
      role: "support",
      password: "s3cure-pass",
    });
    expect(user).not.toHaveProperty("passwordHash");
    const audit = await testDb.db.select().from(auditLogs).where(eq(auditLogs.entityId, user.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "user.created", entityType: "user" });
    expect(JSON.stringify(audit[0]!.data)).not.toContain("s3cure-pass");
  });

  it("refuses a taken e-mail with a conflict", async () => {
    await createUser(testDb.ctx, { email: "taken@example.com", name: "A", role: "host", password: "s3cure-pass" });
    await expect(
      createUser(testDb.ctx, { email: "TAKEN@example.com", name: "B", role: "host", password: "s3cure-pass" }),
    ).rejects.toThrowError(ConflictError);
  });

  it("refuses an unknown role and a weak password", async () => {
    await expect(
      createUser(testDb.ctx, { email: "r@example.com", name: "R", role: "root" as never, password: "s3cure-pass" }),
    ).rejects.toThrowError(ValidationError);
    await expect(
      createUser(testDb.ctx, { email: "w@example.com", name: "W", role: "host", password: "short" }),
    ).rejects.toThrowError(/au moins 8/);
  });
});

describe("back-office route guard (GET /api/admin/me)", () => {
  it("answers 401 JSON without a session", async () => {
    const { status, body } = await readJson(await getMe(apiRequest("/api/admin/me"), noParams));
    expect(status).toBe(401);
    expect(body.error.code).toBe("UNAUTHENTICATED");
  });

  it("answers 401 for a forged session token", async () => {
    const { status } = await readJson(
      await getMe(apiRequest("/api/admin/me", { cookie: "next-auth.session-token=forged" }), noParams),
    );
    expect(status).toBe(401);
  });

  it("answers 403 JSON for a host", async () => {
    const host = await makeHostUser(testDb.db);
    const { status, body } = await readJson(
      await getMe(apiRequest("/api/admin/me", { cookie: await sessionCookieFor(host) }), noParams),
    );
    expect(status).toBe(403);
    expect(body.error.code).toBe("FORBIDDEN");
  });

  it("answers 200 for support and admin", async () => {
    for (const user of [await makeSupportUser(testDb.db), await makeUser(testDb.db, "admin")]) {
      const { status, body } = await readJson(
        await getMe(apiRequest("/api/admin/me", { cookie: await sessionCookieFor(user) }), noParams),
      );
      expect(status).toBe(200);
      expect(body.data).toMatchObject({ id: user.id, role: user.role });
    }
  });
});
