import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLogs } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { createApiKey } from "@/server/services/api-keys/api-keys.service";
import { systemContext } from "@/server/service-context";
import { listAuditActions, listAuditLog } from "@/server/services/read-models/read-models.service";
import { GET as journalRoute } from "@/app/api/admin/audit-log/route";
import { GET as journalCsvRoute } from "@/app/api/admin/audit-log/export/route";

let testDb: TestDatabase;
let admin: Awaited<ReturnType<typeof makeUser>>;
let adminCookie: string;
let keyId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  admin = await makeUser(testDb.db, "admin");
  adminCookie = await sessionCookieFor(admin);
  const created = await createApiKey(systemContext(testDb.db, "cli"), { name: "Plateforme", scopes: ["alerts:read"] });
  keyId = created.id;
  // 120 entries: by the admin, by the key, by the system, over three days in Paris.
  await testDb.db.insert(auditLogs).values(
    Array.from({ length: 120 }, (_, i) => ({
      actorId: i % 3 === 0 ? admin.id : null,
      apiKeyId: i % 3 === 1 ? keyId : null,
      action: i % 2 === 0 ? "calendar_sync_alert.resolved" : "export_link.rotated",
      entityType: i % 2 === 0 ? "calendar_sync_alert" : "listing",
      entityId: `object-${i % 7}`,
      data: { n: i },
      createdAt: new Date(Date.UTC(2027, 0, 10 + Math.floor(i / 40), 12, 0, i % 40)),
    })),
  );
});
afterAll(() => testDb.close());

const viewer = () => ({ id: admin.id, role: "admin" as const, name: admin.name, email: admin.email });

describe("« Journal »", () => {
  it("pages the whole log newest first, without a gap or a repeat, and names who acted", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditLog(testDb.as(viewer()), { cursor, limit: 25, from: "2027-01-10", to: "2027-01-12" });
      seen.push(...page.data.map((entry) => entry.data.n as number));
      cursor = page.meta.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 119 - i));
    const [newest] = (await listAuditLog(testDb.as(viewer()), { limit: 3, from: "2027-01-10", to: "2027-01-12" })).data;
    expect(newest).toMatchObject({
      action: "export_link.rotated",
      actor: { kind: "system", name: "Système" },
      entity: { type: "listing", id: "object-0" },
    });
    expect(newest!.entity.href).toContain("listingId=object-0");
  });

  it("filters by who, what, which object and which days", async () => {
    const byKey = await listAuditLog(testDb.as(viewer()), { actor: `key:${keyId}`, limit: 500 });
    expect(byKey.data).toHaveLength(40);
    expect(byKey.data[0]!.actor).toEqual({ kind: "api-key", id: keyId, name: "clé API Plateforme" });
    const byAdmin = await listAuditLog(testDb.as(viewer()), {
      actor: admin.id,
      action: "calendar_sync_alert.resolved",
      limit: 500,
    });
    expect(byAdmin.data.map((entry) => entry.data.n as number).every((n) => n % 6 === 0)).toBe(true);
    expect(byAdmin.data[0]!.entity.href).toMatch(/^\/admin\/alerts\/calendar-sync\/object-/);
    const system = await listAuditLog(testDb.as(viewer()), {
      actor: "system",
      from: "2027-01-11",
      to: "2027-01-11",
      limit: 500,
    });
    expect(system.data.map((entry) => entry.data.n as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => 40 + i).filter((n) => n % 3 === 2),
    );
    const oneObject = await listAuditLog(testDb.as(viewer()), {
      entityType: "listing",
      entityId: "object-1",
      limit: 500,
    });
    expect(oneObject.data.every((entry) => entry.entity.id === "object-1" && entry.entity.type === "listing")).toBe(
      true,
    );
    expect(await listAuditActions(testDb.as(viewer()))).toEqual(
      expect.arrayContaining(["calendar_sync_alert.resolved", "export_link.rotated"]),
    );
  });

  it("answers admins only: 401 anonymous, 403 support and hosts; a bad filter or cursor is a 400; the CSV has the entries", async () => {
    const list = async (cookie: string | undefined, query = "") =>
      readJson(await journalRoute(apiRequest(`/api/admin/audit-log${query}`, { cookie }), routeContext({})));
    expect((await list(undefined)).status).toBe(401);
    expect((await list(await sessionCookieFor(await makeSupportUser(testDb.db)))).status).toBe(403);
    expect((await list(await sessionCookieFor(await makeHostUser(testDb.db)))).status).toBe(403);
    const ok = await list(adminCookie, "?limit=10");
    expect(ok.status).toBe(200);
    expect(ok.body.data).toHaveLength(10);
    expect(ok.body.meta.nextCursor).toEqual(expect.any(String));
    expect((await list(adminCookie, "?from=2027-02-30")).status).toBe(400);
    expect((await list(adminCookie, "?from=0000-01-01")).status).toBe(400);
    expect((await list(adminCookie, "?to=9999-12-31")).status).toBe(200);
    expect((await list(adminCookie, "?cursor=not-a-cursor")).body.error.code).toBe("VALIDATION_FAILED");
    const csv = await journalCsvRoute(
      apiRequest("/api/admin/audit-log/export?action=export_link.rotated", { cookie: adminCookie }),
      routeContext({}),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.slice(1).startsWith("Date;Qui;")).toBe(true);
    expect(text.split("\n").filter((line) => line.includes("export_link.rotated"))).toHaveLength(60);
    expect((await journalCsvRoute(apiRequest("/api/admin/audit-log/export", {}), routeContext({}))).status).toBe(401);
  });
});
