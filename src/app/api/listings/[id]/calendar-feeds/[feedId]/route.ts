// PATCH /api/listings/[id]/calendar-feeds/[feedId]: the owner replaces a feed's link (checked first: 422 with the
// plain reason when only the host can fix it). DELETE: the owner (or an admin) removes a feed and its imported blocks.
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { removeCalendarFeed, replaceFeedLink, ReplaceFeedLinkInput } from "@/server/services/calendar/calendar.service";

export const runtime = "nodejs";

export const PATCH = withRole<{ id: string; feedId: string }>(["host", "admin"], async ({ request, ctx, params }) => {
  const body = await parseJsonBody(ReplaceFeedLinkInput, request);
  const saved = await replaceFeedLink(ctx, { listingId: params.id, feedId: params.feedId, ...body });
  return jsonData(saved.feed, { linkCheck: saved.linkCheck });
});

export const DELETE = withRole<{ id: string; feedId: string }>(["host", "admin"], async ({ ctx, params }) => {
  await removeCalendarFeed(ctx, { listingId: params.id, feedId: params.feedId });
  return jsonData({ deleted: true });
});
