// POST /api/me/two-factor/recovery-codes { code }: ten new recovery codes (the old ones stop working), this answer only.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { regenerateRecoveryCodes, TwoFactorCodeBody } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) =>
  jsonData(await regenerateRecoveryCodes(ctx, await parseJsonBody(TwoFactorCodeBody, request))),
);
