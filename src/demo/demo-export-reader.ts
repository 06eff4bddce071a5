// The demo's simulated Airbnb: it reads the demo listings' Airbnb export links every few minutes, as Airbnb's calendar
// importer does, and stops reading one listing for a while, so that a newcomer sees « Airbnb ne lit plus votre
// calendrier » raised and then resolved by the next read.
import { listExportLinks } from "../server/services/exports/exports.service";
import type { ServiceContext } from "../server/service-context";
import { DEMO_LISTINGS } from "./demo-data";

export const DEMO_READER_USER_AGENT = "Airbnb/2.0 (calendar importer; demo)";
/** The listing Airbnb stops reading, from STOPS_AT to COMES_BACK_AT. */
export const DEMO_UNREAD_LISTING = "demo-listing-01";

export interface DemoReaderPlan {
  everyMs: number;
  stopsAtMs: number;
  comesBackAtMs: number;
}

export const DEMO_READER_PLAN: DemoReaderPlan = {
  everyMs: 2 * 60_000,
  stopsAtMs: 5 * 60_000,
  comesBackAtMs: 15 * 60_000,
};

/** The Airbnb links of the demo's listings, made on first sight. */
export async function demoAirbnbLinks(ctx: ServiceContext): Promise<Array<{ listingId: string; url: string }>> {
  const links: Array<{ listingId: string; url: string }> = [];
  for (const listing of DEMO_LISTINGS) {
    try {
      const airbnb = (await listExportLinks(ctx, { listingId: listing.id })).find((l) => l.destination === "airbnb");
      if (airbnb) links.push({ listingId: listing.id, url: airbnb.url });
    } catch {
      // A demo listing withdrawn or not seeded: nothing to read.
    }
  }
  return links;
}

/** Whether the simulated Airbnb reads this listing `elapsedMs` after it started. */
export const demoReaderReads = (listingId: string, elapsedMs: number, plan = DEMO_READER_PLAN): boolean =>
  listingId !== DEMO_UNREAD_LISTING || elapsedMs < plan.stopsAtMs || elapsedMs >= plan.comesBackAtMs;
