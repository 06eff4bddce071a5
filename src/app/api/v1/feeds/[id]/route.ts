// PATCH /api/v1/feeds/{id} { provider?, url? }: a new label or link (checked). DELETE: the feed and its stays (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { readJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { removePlatformFeed, updatePlatformFeed } from "@/server/services/platform/platform.service";
import { NextResponse } from "next/server";

export const runtime = "nodejs";

type Params = { id: string };

export const PATCH = withApiKey<Params>("listings:write", async ({ request, params, ctx }) => {
  const { feed, linkCheck } = await updatePlatformFeed(ctx, { feedId: params.id, body: await readJsonBody(request) });
  return jsonData(feed, linkCheck ? { linkCheck } : undefined);
});

export const DELETE = withApiKey<Params>("listings:write", async ({ params, ctx }) => {
  await removePlatformFeed(ctx, { feedId: params.id });
  return new NextResponse(null, { status: 204 });
});
