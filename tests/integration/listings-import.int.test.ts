import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeSupportUser } from "../helpers/factories";
import { AIRBNB, BOOKING, calendarOf, startIcsServer, type IcsServer } from "../helpers/ics-server";
import { calendarFeeds, listings, users } from "@/server/db/schema";
import { queryRows } from "@/server/db/query-rows";
import { systemContext } from "@/server/service-context";
import { importListingsFile, ImportFileError } from "@/server/services/platform/import-listings-file";

let testDb: TestDatabase;
let server: IcsServer;
beforeAll(async () => {
  testDb = await createTestDatabase();
  server = await startIcsServer();
  server.set(
    "/a.ics",
    calendarOf(AIRBNB, [{ uid: "a@airbnb.com", from: "2031-03-01", to: "2031-03-04", summary: "Reserved" }]),
  );
  server.set(
    "/b.ics",
    calendarOf(BOOKING, [
      { uid: "b@booking.com", from: "2031-04-01", to: "2031-04-04", summary: "CLOSED - Not available" },
    ]),
  );
});
afterAll(async () => {
  await server.close();
  await testDb.close();
});
const cli = () => systemContext(testDb.db, "cli");
const auditCount = async () =>
  Number((await queryRows<{ n: number }>(testDb.db, sql`select count(*)::int as n from audit_logs`))[0]!.n);

describe("npm run listings:import (the service it runs)", () => {
  it("loads listings, hosts and feeds by line, refuses bad lines with their number without stopping, and a second run changes nothing", async () => {
    const support = await makeSupportUser(testDb.db);
    const file = [
      "externalId;title;city;timeZone;hostExternalId;hostEmail;hostName;feedProvider;feedUrl",
      `F-1;Studio Vieux-Port;Marseille;Europe/Paris;FH-1;nadia@file.example;Nadia Benali;Airbnb;${server.baseUrl}/a.ics?s=secret`,
      `F-1;Studio Vieux-Port;Marseille;Europe/Paris;FH-1;nadia@file.example;Nadia Benali;Booking.com;${server.baseUrl}/b.ics?s=secret`,
      "F-2;Gîte;Beaune;Mars/Olympus;FH-2;paul@file.example;Paul;;",
      `F-3;Chalet;La Clusaz;Europe/Paris;FH-3;${support.email};Agent;;`,
      `F-4;Mas;Nîmes;Europe/Paris;FH-1;nadia@file.example;Nadia Benali;Vrbo;${server.baseUrl}/missing.ics`,
      "F-5;Cabane;Arcachon;Europe/Paris;FH-4;sarah@file.example;Sarah Cohen;;",
      "F-5;Cabane (autre titre);Arcachon;Europe/Paris;FH-4;sarah@file.example;Sarah Cohen;;",
      "F-6;Duplex;Bordeaux;;FH-4;sarah@file.example;Sarah Cohen;;",
    ].join("\n");
    const progress: number[] = [];
    const first = await importListingsFile(cli(), { text: file, onListing: (_done, index) => progress.push(index) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(first.summary).toEqual({ créée: 2, modifiée: 0, inchangée: 0, refusée: 4 });
    const byId = Object.fromEntries(first.listings.map((listing) => [listing.externalId, listing]));
    expect(byId["F-1"]).toMatchObject({ outcome: "créée", feedsAdded: 2, lines: [2, 3] });
    expect(byId["F-2"]).toMatchObject({
      outcome: "refusée",
      reason: expect.stringMatching(/^ligne 4 : Fuseau horaire inconnu/),
    });
    expect(byId["F-3"]).toMatchObject({
      outcome: "refusée",
      reason: expect.stringMatching(/^ligne 5 : .*compte du support/),
    });
    expect(byId["F-4"]).toMatchObject({ outcome: "refusée", reason: expect.stringMatching(/^ligne 6 : /) });
    expect(byId["F-5"]).toMatchObject({
      outcome: "refusée",
      reason: expect.stringMatching(/^ligne 8 : .*autrement qu'à la ligne 7/),
    });
    expect(byId["F-6"]).toMatchObject({ outcome: "créée" });
    // Nothing half written for a refused listing: F-4's listing is not there although its host and fields were fine.
    expect(await testDb.db.select().from(listings).where(eq(listings.externalId, "F-4"))).toEqual([]);
    const [studio] = await testDb.db.select().from(listings).where(eq(listings.externalId, "F-1"));
    const feeds = await testDb.db.select().from(calendarFeeds).where(eq(calendarFeeds.listingId, studio!.id));
    expect(feeds.map((feed) => feed.provider).sort()).toEqual(["Airbnb", "Booking.com"]);
    expect(feeds.every((feed) => feed.lastSuccessAt !== null)).toBe(true);
    const [host] = await testDb.db.select().from(users).where(eq(users.externalId, "FH-1"));
    expect(host).toMatchObject({ role: "host", passwordHash: null });

    const audits = await auditCount();
    const second = await importListingsFile(cli(), { text: file });
    expect(second.summary).toEqual({ créée: 0, modifiée: 0, inchangée: 2, refusée: 4 });
    expect(await auditCount()).toBe(audits);
  });

  it("reads a comma-separated file, checks a dry run without writing, and stops on a header without the columns", async () => {
    const file = [
      "externalId,title,city,timeZone,hostExternalId,hostEmail,hostName",
      "C-1,Loft,Lyon,Europe/Paris,CH-1,ines@file.example,Inès Garnier",
    ].join("\r\n");
    const dry = await importListingsFile(cli(), { text: file, dryRun: true });
    expect(dry.summary).toMatchObject({ créée: 1 });
    expect(await testDb.db.select().from(listings).where(eq(listings.externalId, "C-1"))).toEqual([]);
    expect((await importListingsFile(cli(), { text: file })).summary).toMatchObject({ créée: 1 });
    await expect(importListingsFile(cli(), { text: "id;name\n1;x" })).rejects.toBeInstanceOf(ImportFileError);
  });
});
