// GET /api/admin/api-keys: the integration keys, never the keys themselves (admins only).
// POST { name, scopes, expiresAt? }: a new key, 201; the key (csa_…) is in this answer only.
import { ADMIN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { createApiKey, CreateApiKeyInput, listApiKeys } from "@/server/services/api-keys/api-keys.service";

export const runtime = "nodejs";

export const GET = withRole(ADMIN_ROLES, async ({ ctx }) => jsonData(await listApiKeys(ctx)));

export const POST = withRole(ADMIN_ROLES, async ({ request, ctx }) =>
  jsonData(await createApiKey(ctx, await parseJsonBody(CreateApiKeyInput, request)), undefined, 201),
);
