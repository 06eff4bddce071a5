import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeListing, makeSupportUser } from "../helpers/factories";
import { apiRequest, routeContext, sessionCookieFor } from "../helpers/requests";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { neutraliseCell } from "@/server/services/read-models/export-alerts-csv";
import { GET as exportRoute } from "@/app/api/admin/alerts/calendar-sync/export/route";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;

const TRICKY = [
  "Studio ; vue mer",
  'Loft "Le Grand" Bleu',
  "Chalet\nsur deux lignes",
  '=HYPERLINK("http://x")',
  "+33 plage",
  "-5 % été",
  "@admin",
];

describe("the CSV export of the history", () => {
  it("opens in a CSV parser with its BOM, « ; », French headers and dates in Paris; round-trips tricky titles and neutralises formulas", async () => {
    const tag = `Export-${Math.random().toString(36).slice(2, 7)}`;
    for (const [index, title] of TRICKY.entries()) {
      const listing = await makeListing(db(), { title: `${title} ${tag}`, id: `${tag}-${index}` });
      await createCalendarSyncAlert(testDb.ctx, {
        listingId: listing.id,
        errorType: "FEED_NOT_FOUND",
        errorMessage: "HTTP 404",
        threshold: 3,
        occurredAt: new Date("2026-12-03T08:30:00Z"),
      });
    }
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const response = await exportRoute(
      apiRequest(`/api/admin/alerts/calendar-sync/export?status=all&q=${encodeURIComponent(tag)}`, { cookie }),
      routeContext({}),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="alertes-calendrier-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(Buffer.from(bytes), { delimiter: ";", bom: true, relax_column_count: false });
    const [header, ...rows] = records;
    expect(header).toEqual([
      "Annonce",
      "Identifiant de l'annonce",
      "Type d'erreur",
      "Message",
      "Tentatives échouées",
      "Premier échec",
      "Dernier échec",
      "Statut",
      "Escaladée le",
      "Responsable",
      "En pause jusqu'au",
      "Résolue le",
      "Résolue par",
      "Note de résolution",
    ]);
    expect(rows).toHaveLength(TRICKY.length);
    const titles = rows.map((row) => row[0]).sort();
    const expected = TRICKY.map((title) => `${/^[=+\-@]/.test(title) ? "'" : ""}${title} ${tag}`).sort();
    expect(titles).toEqual(expected);
    // 08:30 UTC on 3 December is 09:30 in Paris.
    expect(rows.every((row) => row[5] === "03/12/2026 09:30" && row[7] === "Active")).toBe(true);
  });

  it("neutralises every cell a spreadsheet would run, and only those", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutraliseCell(cell)).toBe(`'${cell}`);
    for (const cell of ["Studio", "1", " =1", "Loft = bien"]) expect(neutraliseCell(cell)).toBe(cell);
    expect(neutraliseCell(-3)).toBe(-3);
  });

  it("refuses a bad filter (400) before sending anything, anonymous callers (401) and hosts (403)", async () => {
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const bad = await exportRoute(
      apiRequest("/api/admin/alerts/calendar-sync/export?status=maybe", { cookie }),
      routeContext({}),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("VALIDATION_FAILED");
    expect((await exportRoute(apiRequest("/api/admin/alerts/calendar-sync/export"), routeContext({}))).status).toBe(
      401,
    );
    const host = await sessionCookieFor(await makeHostUser(db()));
    expect(
      (await exportRoute(apiRequest("/api/admin/alerts/calendar-sync/export", { cookie: host }), routeContext({})))
        .status,
    ).toBe(403);
  });

  it("pages through a history longer than a page, in order, each alert once", async () => {
    const tag = `Long-${Math.random().toString(36).slice(2, 7)}`;
    for (let i = 0; i < 230; i++) {
      const listing = await makeListing(db(), { title: `${tag} ${i}` });
      await createCalendarSyncAlert(testDb.ctx, {
        listingId: listing.id,
        errorType: "TIMEOUT",
        errorMessage: "t",
        threshold: 3,
        occurredAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000),
      });
    }
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const response = await exportRoute(
      apiRequest(`/api/admin/alerts/calendar-sync/export?status=all&q=${tag}`, { cookie }),
      routeContext({}),
    );
    const rows: string[][] = parse(Buffer.from(await response.arrayBuffer()), {
      delimiter: ";",
      bom: true,
      from_line: 2,
    });
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 230 }, (_, i) => `${tag} ${229 - i}`));
  });
});
