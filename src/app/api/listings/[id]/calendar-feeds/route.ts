// GET/POST /api/listings/[id]/calendar-feeds: the owner (or an admin) lists and adds the listing's iCal feeds.
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { AddCalendarFeedInput, addCalendarFeed, listListingFeeds } from "@/server/services/calendar/calendar.service";

export const runtime = "nodejs";

const LISTING_MANAGERS = ["host", "admin"] as const;

export const GET = withRole<{ id: string }>(LISTING_MANAGERS, async ({ ctx, params }) =>
  jsonData(await listListingFeeds(ctx, params.id)),
);

export const POST = withRole<{ id: string }>(LISTING_MANAGERS, async ({ request, ctx, params }) => {
  const body = await parseJsonBody(AddCalendarFeedInput, request);
  const saved = await addCalendarFeed(ctx, { listingId: params.id, ...body });
  return jsonData(saved.feed, { linkCheck: saved.linkCheck }, 201);
});
