// GET /api/listings/[id]/export-links: the listing's export links, one per destination, with their last read (host, admin).
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { listExportLinks } from "@/server/services/exports/exports.service";

export const runtime = "nodejs";

export const GET = withRole<{ id: string }>(["host", "admin"], async ({ ctx, params }) =>
  jsonData(await listExportLinks(ctx, { listingId: params.id })),
);
