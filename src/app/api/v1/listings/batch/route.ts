// POST /api/v1/listings/batch { items: [...] }: up to 1,000 listings, each with its result (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { readBatchItems, summarize } from "@/server/http/batch-body";
import { jsonData } from "@/server/http/respond";
import { MAX_BATCH_ITEMS, upsertListings } from "@/server/services/platform/platform.service";

export const runtime = "nodejs";

export const POST = withApiKey("listings:write", async ({ request, ctx }) => {
  const results = await upsertListings(ctx, await readBatchItems(request, MAX_BATCH_ITEMS));
  return jsonData(results, { summary: summarize(results) });
});
