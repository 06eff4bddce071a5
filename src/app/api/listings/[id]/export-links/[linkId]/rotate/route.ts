// POST /api/listings/[id]/export-links/[linkId]/rotate: « Régénérer »; the old link answers for EXPORT_LINK_GRACE_DAYS.
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { rotateExportLink } from "@/server/services/exports/exports.service";

export const runtime = "nodejs";

export const POST = withRole<{ id: string; linkId: string }>(["host", "admin"], async ({ ctx, params }) =>
  jsonData(await rotateExportLink(ctx, { listingId: params.id, linkId: params.linkId })),
);
