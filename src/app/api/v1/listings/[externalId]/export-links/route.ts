// GET /api/v1/listings/{externalId}/export-links: the links the platform hands its host to paste (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { jsonData } from "@/server/http/respond";
import { listPlatformExportLinks } from "@/server/services/platform/platform.service";

export const runtime = "nodejs";

export const GET = withApiKey<{ externalId: string }>("listings:write", async ({ params, ctx }) =>
  jsonData(await listPlatformExportLinks(ctx, params.externalId)),
);
