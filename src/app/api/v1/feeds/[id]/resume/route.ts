// POST /api/v1/feeds/{id}/resume: back on the schedule, synced at the worker's next pass (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { jsonData } from "@/server/http/respond";
import { resumeFeed } from "@/server/services/platform/platform.service";

export const runtime = "nodejs";

export const POST = withApiKey<{ id: string }>("listings:write", async ({ params, ctx }) =>
  jsonData(await resumeFeed(ctx, { feedId: params.id })),
);
