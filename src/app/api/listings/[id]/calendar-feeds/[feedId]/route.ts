// DELETE /api/listings/[id]/calendar-feeds/[feedId]: the owner (or an admin) removes a feed and its imported blocks.
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { removeCalendarFeed } from "@/server/services/calendar/calendar.service";

export const runtime = "nodejs";

export const DELETE = withRole<{ id: string; feedId: string }>(["host", "admin"], async ({ user, params }) => {
  await removeCalendarFeed(params.id, params.feedId, user);
  return jsonData({ deleted: true });
});
