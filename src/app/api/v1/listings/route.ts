// GET /api/v1/listings?updatedSince&cursor&limit: the platform's listings in the order they changed (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListPlatformListingsInput, listPlatformListings } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withApiKey("listings:write", async ({ request, ctx }) => {
  const page = await listPlatformListings(ctx, parseSearchParams(ListPlatformListingsInput, request.url));
  return jsonData(page.data, { nextCursor: page.nextCursor });
});
