// POST /api/v1/listings/{externalId}/feeds { provider, url }: the link checked as on the host's add, 201 (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { readJsonBody, validateBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { AddCalendarFeedInput } from "@/server/services/calendar/calendar.service";
import { addPlatformFeed } from "@/server/services/platform/platform.service";

export const runtime = "nodejs";

export const POST = withApiKey<{ externalId: string }>("listings:write", async ({ request, params, ctx }) => {
  const body = validateBody(AddCalendarFeedInput.strict(), await readJsonBody(request));
  const saved = await addPlatformFeed(ctx, { externalId: params.externalId, provider: body.provider, url: body.url });
  return jsonData(saved.feed, { linkCheck: saved.linkCheck }, 201);
});
