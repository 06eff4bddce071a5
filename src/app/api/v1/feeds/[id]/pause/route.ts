// POST /api/v1/feeds/{id}/pause: « En pause », neither synced nor alerting (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { jsonData } from "@/server/http/respond";
import { pauseFeed } from "@/server/services/platform/platform.service";

export const runtime = "nodejs";

export const POST = withApiKey<{ id: string }>("listings:write", async ({ params, ctx }) =>
  jsonData(await pauseFeed(ctx, { feedId: params.id })),
);
