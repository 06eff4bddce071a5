// PUT /api/v1/listings/{externalId} { title, city, timeZone, host }: 201 created, 200 updated or unchanged (listings:write).
// GET: the listing, its feeds' states and its open alert. DELETE: withdrawn (archived), 200; a later PUT brings it back.
import { withApiKey } from "@/server/http/with-api-key";
import { readJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { archiveListing, upsertListing } from "@/server/services/platform/platform.service";
import { getPlatformListing } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

type Params = { externalId: string };

export const PUT = withApiKey<Params>("listings:write", async ({ request, params, ctx }) => {
  const outcome = await upsertListing(ctx, { externalId: params.externalId, body: await readJsonBody(request) });
  return jsonData(
    await getPlatformListing(ctx, { externalId: params.externalId }),
    { result: outcome.result },
    outcome.result === "created" ? 201 : 200,
  );
});

export const GET = withApiKey<Params>("listings:write", async ({ params, ctx }) =>
  jsonData(await getPlatformListing(ctx, { externalId: params.externalId })),
);

export const DELETE = withApiKey<Params>("listings:write", async ({ params, ctx }) => {
  const { archived } = await archiveListing(ctx, { externalId: params.externalId });
  return jsonData(await getPlatformListing(ctx, { externalId: params.externalId }), {
    result: archived ? "archived" : "unchanged",
  });
});
