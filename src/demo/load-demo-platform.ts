import { DEMO_PLATFORM_LISTINGS, demoPlatformReservations } from "./demo-platform-data";

export interface DemoPlatformSummary {
  listings: Record<string, number>;
  feeds: number;
  reservations: Record<string, number>;
}

async function call(
  appUrl: string,
  key: string,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: { data?: unknown; meta?: Record<string, unknown>; error?: { message: string } } }> {
  const response = await fetch(`${appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => ({})) };
}

/**
 * What a platform does on its first day, through the integration API as any platform would: its listings and hosts
 * in one batch, each listing's Airbnb feed (checked and read at once), then its own reservations (one of them sold
 * on Airbnb too). Run by `npm run dev` on the first start, once the app answers.
 */
export async function loadDemoPlatform(input: {
  appUrl: string;
  key: string;
  feedsBaseUrl: string;
  today?: Date;
}): Promise<DemoPlatformSummary> {
  const { appUrl, key, feedsBaseUrl } = input;
  const batch = await call(appUrl, key, "POST", "/api/v1/listings/batch", {
    items: DEMO_PLATFORM_LISTINGS.map(({ externalId, title, city, host }) => ({
      externalId,
      title,
      city,
      timeZone: "Europe/Paris",
      host,
    })),
  });
  if (batch.status !== 200)
    throw new Error(`POST /api/v1/listings/batch answered ${batch.status}: ${batch.json.error?.message ?? ""}`);
  let feeds = 0;
  for (const listing of DEMO_PLATFORM_LISTINGS) {
    const added = await call(appUrl, key, "POST", `/api/v1/listings/${listing.externalId}/feeds`, {
      provider: "Airbnb",
      url: `${feedsBaseUrl}${listing.feedPath}?t=demo-platform-${listing.externalId.toLowerCase()}`,
    });
    if (added.status === 201) feeds++;
    else if (added.status !== 409)
      throw new Error(
        `POST /api/v1/listings/${listing.externalId}/feeds answered ${added.status}: ${added.json.error?.message ?? ""}`,
      );
  }
  const today = input.today ?? new Date();
  const reservations = await call(appUrl, key, "POST", "/api/v1/reservations/batch", {
    items: DEMO_PLATFORM_LISTINGS.flatMap((listing) =>
      demoPlatformReservations(listing.externalId, today).map((stay) => ({
        listingExternalId: listing.externalId,
        ...stay,
      })),
    ),
  });
  if (reservations.status !== 200)
    throw new Error(
      `POST /api/v1/reservations/batch answered ${reservations.status}: ${reservations.json.error?.message ?? ""}`,
    );
  return {
    listings: batch.json.meta?.summary as Record<string, number>,
    feeds,
    reservations: reservations.json.meta?.summary as Record<string, number>,
  };
}
