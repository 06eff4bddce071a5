// DELETE /api/admin/api-keys/[id]: « Révoquer » (admins only); 409 when already revoked.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { revokeApiKey } from "@/server/services/api-keys/api-keys.service";

export const runtime = "nodejs";

export const DELETE = withRole<{ id: string }>(ADMIN_ROLES, async ({ ctx, params }) =>
  jsonData(await revokeApiKey(ctx, { keyId: params.id })),
);
