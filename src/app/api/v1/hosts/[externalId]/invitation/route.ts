// POST /api/v1/hosts/{externalId}/invitation: e-mails the platform's host a single-use link to choose a password
// (INVITATION_HOURS), replacing an earlier one; 409 when the host already has one (listings:write).
import { withApiKey } from "@/server/http/with-api-key";
import { jsonData } from "@/server/http/respond";
import { inviteHostByExternalId } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withApiKey<{ externalId: string }>("listings:write", async ({ params, ctx }) =>
  jsonData(await inviteHostByExternalId(ctx, { externalId: params.externalId }), undefined, 201),
);
