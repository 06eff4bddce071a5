// POST /api/admin/calendar-feeds/[feedId]/sync: support syncs a feed now and gets the run (409 if one is running).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { syncFeedNow, toSyncRunDto } from "@/server/services/calendar/calendar.service";

export const runtime = "nodejs";

export const POST = withRole<{ feedId: string }>(BACK_OFFICE_ROLES, async ({ ctx, params }) => {
  const result = await syncFeedNow(ctx, { feedId: params.feedId });
  return jsonData(toSyncRunDto(result.run));
});
