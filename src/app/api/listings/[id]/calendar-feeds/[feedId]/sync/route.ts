// POST /api/listings/[id]/calendar-feeds/[feedId]/sync: « Synchroniser maintenant » for the owner, once a minute (429 otherwise).
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { syncFeedNowForHost } from "@/server/services/calendar/calendar.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string; feedId: string }>(["host", "admin"], async ({ ctx, params }) =>
  jsonData(await syncFeedNowForHost(ctx, { listingId: params.id, feedId: params.feedId })),
);
