import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { apiKeys, auditLogs } from "@/server/db/schema";
import { queryRows } from "@/server/db/query-rows";
import { getConfig } from "@/server/config";
import { systemContext, contextFor } from "@/server/service-context";
import { ANONYMOUS } from "@/server/actor";
import { authenticateApiKey, createApiKey, RateLimitedError } from "@/server/services/api-keys/api-keys.service";
import { GET as listKeysRoute, POST as createKeyRoute } from "@/app/api/admin/api-keys/route";
import { DELETE as revokeKeyRoute } from "@/app/api/admin/api-keys/[id]/route";
import { GET as v1AlertsRoute } from "@/app/api/v1/alerts/route";
import { GET as v1ConflictsRoute } from "@/app/api/v1/booking-conflicts/route";

let testDb: TestDatabase;
let adminCookie: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  adminCookie = await sessionCookieFor(await makeUser(testDb.db, "admin"));
});
afterAll(() => testDb.close());
const db = () => testDb.db;

async function newKey(scopes: string[], extra: Record<string, unknown> = {}) {
  const answer = await readJson(
    await createKeyRoute(
      apiRequest("/api/admin/api-keys", {
        method: "POST",
        cookie: adminCookie,
        body: { name: "Plateforme", scopes, ...extra },
      }),
      routeContext({}),
    ),
  );
  expect(answer.status).toBe(201);
  return answer.body.data as { id: string; key: string; prefix: string };
}
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const alerts = (headers: Record<string, string>, query = "") =>
  v1AlertsRoute(apiRequest(`/api/v1/alerts${query}`, { headers }), routeContext({}));

describe("API keys", () => {
  it("are made by admins only: shown once (csa_ and 43 base62 characters), listed by their prefix", async () => {
    const created = await newKey(["alerts:read"]);
    expect(created.key).toMatch(/^csa_[0-9A-Za-z]{43}$/);
    expect(created.prefix).toBe(`${created.key.slice(0, 8)}…`);
    const listed = await readJson(
      await listKeysRoute(apiRequest("/api/admin/api-keys", { cookie: adminCookie }), routeContext({})),
    );
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.key);
    expect(listed.body.data.find((key: { id: string }) => key.id === created.id)).toMatchObject({
      name: "Plateforme",
      scopes: ["alerts:read"],
      lastUsedAt: null,
    });
    for (const route of [
      () => listKeysRoute(apiRequest("/api/admin/api-keys"), routeContext({})),
      () =>
        createKeyRoute(
          apiRequest("/api/admin/api-keys", { method: "POST", body: { name: "x", scopes: ["alerts:read"] } }),
          routeContext({}),
        ),
      () =>
        revokeKeyRoute(
          apiRequest(`/api/admin/api-keys/${created.id}`, { method: "DELETE" }),
          routeContext({ id: created.id }),
        ),
    ])
      expect((await route()).status).toBe(401);
    const support = await sessionCookieFor(await makeSupportUser(db()));
    expect((await listKeysRoute(apiRequest("/api/admin/api-keys", { cookie: support }), routeContext({}))).status).toBe(
      403,
    );
    expect(
      (
        await createKeyRoute(
          apiRequest("/api/admin/api-keys", {
            method: "POST",
            cookie: support,
            body: { name: "x", scopes: ["alerts:read"] },
          }),
          routeContext({}),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await revokeKeyRoute(
          apiRequest(`/api/admin/api-keys/${created.id}`, { method: "DELETE", cookie: support }),
          routeContext({ id: created.id }),
        )
      ).status,
    ).toBe(403);
    const bad = await readJson(
      await createKeyRoute(
        apiRequest("/api/admin/api-keys", {
          method: "POST",
          cookie: adminCookie,
          body: { name: "x", scopes: ["root"] },
        }),
        routeContext({}),
      ),
    );
    expect(bad.status).toBe(400);
  });

  it("opens the integration API by bearer: 401 without, unknown, revoked or expired; 403 naming a missing scope", async () => {
    const reader = await newKey(["alerts:read"]);
    const answer = await alerts(bearer(reader.key));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit-limit")).toBe(String(getConfig().apiKeys.requestsPerMinute));
    expect(Number(answer.headers.get("ratelimit-remaining"))).toBeLessThan(getConfig().apiKeys.requestsPerMinute);
    expect((await alerts({})).status).toBe(401);
    expect((await alerts(bearer(`csa_${"x".repeat(43)}`))).status).toBe(401);
    expect((await alerts({ authorization: `Basic ${reader.key}` })).status).toBe(401);
    // A browser's session is not a key.
    expect((await v1AlertsRoute(apiRequest("/api/v1/alerts", { cookie: adminCookie }), routeContext({}))).status).toBe(
      401,
    );
    const denied = await readJson(
      await v1ConflictsRoute(
        apiRequest("/api/v1/booking-conflicts", { headers: bearer(reader.key) }),
        routeContext({}),
      ),
    );
    expect(denied).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN", details: { missingScope: "conflicts:read" } } },
    });
    const expiring = await createApiKey(systemContext(db(), "cli"), {
      name: "Courte",
      scopes: ["alerts:read"],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await db()
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(apiKeys.id, expiring.id));
    expect((await alerts(bearer(expiring.key))).status).toBe(401);
    expect(
      (
        await revokeKeyRoute(
          apiRequest(`/api/admin/api-keys/${reader.id}`, { method: "DELETE", cookie: adminCookie }),
          routeContext({ id: reader.id }),
        )
      ).status,
    ).toBe(200);
    expect((await alerts(bearer(reader.key))).status).toBe(401);
    expect(
      (
        await revokeKeyRoute(
          apiRequest(`/api/admin/api-keys/${reader.id}`, { method: "DELETE", cookie: adminCookie }),
          routeContext({ id: reader.id }),
        )
      ).status,
    ).toBe(409);
  });

  it("refuses a key sent in the query string with 400, before reading it", async () => {
    const reader = await newKey(["alerts:read"]);
    for (const query of [`?api_key=${reader.key}`, `?token=abc`, `?q=${reader.key}`]) {
      const answer = await readJson(await alerts({}, query));
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain(reader.key);
    }
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, reader.id));
    expect(row!.lastUsedAt).toBeNull();
  });

  it("counts a key's requests per minute, exactly under concurrency, and refuses past the limit until the next minute", async () => {
    const reader = await newKey(["alerts:read"]);
    const anonymous = await contextFor(ANONYMOUS);
    const minute = new Date("2026-12-06T10:15:20Z");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        authenticateApiKey(anonymous, { key: reader.key, address: null, now: minute, requestsPerMinute: 4 }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(4);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RateLimitedError);
    expect((refused.reason as RateLimitedError).limits).toEqual({ limit: 4, remaining: 0, resetSeconds: 40 });
    const next = await authenticateApiKey(anonymous, {
      key: reader.key,
      address: null,
      now: new Date("2026-12-06T10:16:00Z"),
      requestsPerMinute: 4,
    });
    expect(next.limits.remaining).toBe(3);
  });

  it("answers 429 with Retry-After and the RateLimit headers past the limit", async () => {
    const reader = await newKey(["alerts:read"]);
    const config = getConfig().apiKeys;
    const limit = config.requestsPerMinute;
    // No request fits: whatever second of the minute it is, this one is refused.
    config.requestsPerMinute = 0;
    try {
      const limited = await alerts(bearer(reader.key));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.headers.get("ratelimit-limit")).toBe("0");
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
      expect((await limited.json()).error.code).toBe("TOO_SOON");
    } finally {
      config.requestsPerMinute = limit;
    }
  });

  it("audits the first use once however many requests arrive together, as the key and never a user", async () => {
    const reader = await newKey(["alerts:read"]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => alerts(bearer(reader.key))));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const audits = await db().select().from(auditLogs).where(eq(auditLogs.entityId, reader.id));
    expect(audits.filter((audit) => audit.action === "api_key.first_used")).toHaveLength(1);
    expect(audits.find((audit) => audit.action === "api_key.first_used")).toMatchObject({
      actorId: null,
      apiKeyId: reader.id,
    });
    expect(audits.find((audit) => audit.action === "api_key.created")!.actorId).not.toBeNull();
  });

  it("is stored only as a hash: no table holds the key in clear", async () => {
    const created = await createApiKey(systemContext(db(), "cli"), {
      name: "Vérifiée",
      scopes: ["alerts:read", "conflicts:read"],
    });
    await authenticateApiKey(await contextFor(ANONYMOUS), {
      key: created.key,
      address: "127.0.0.9",
      now: new Date(),
      requestsPerMinute: 600,
    });
    // Its last use follows the address it comes from (written by the same statement that counts the request).
    await authenticateApiKey(await contextFor(ANONYMOUS), {
      key: created.key,
      address: "127.0.0.10",
      now: new Date(),
      requestsPerMinute: 600,
    });
    expect((await db().select().from(apiKeys).where(eq(apiKeys.id, created.id)))[0]!.lastUsedFrom).toBe("127.0.0.10");
    const secret = created.key.slice(8);
    const tables = await queryRows<{ name: string }>(
      db(),
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    );
    for (const { name } of tables) {
      const rows = await queryRows<{ dump: string }>(
        db(),
        sql`select coalesce(string_agg(t::text, ' '), '') as dump from ${sql.identifier(name)} t`,
      );
      expect(rows[0]!.dump, name).not.toContain(secret);
    }
  });

  it("gives a key no page and no back-office route: a host's or an admin's session stays what it was", async () => {
    const host = await sessionCookieFor(await makeHostUser(db()));
    expect((await listKeysRoute(apiRequest("/api/admin/api-keys", { cookie: host }), routeContext({}))).status).toBe(
      403,
    );
    const reader = await newKey(["alerts:read", "conflicts:read"]);
    expect(
      (await listKeysRoute(apiRequest("/api/admin/api-keys", { headers: bearer(reader.key) }), routeContext({})))
        .status,
    ).toBe(401);
  });
});
