// POST /api/me/two-factor/confirm { code }: two-factor on, and the ten recovery codes, in this answer only.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { confirmTwoFactorEnrolment, TwoFactorCodeBody } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withRole(
  BACK_OFFICE_ROLES,
  async ({ request, ctx }) =>
    jsonData(await confirmTwoFactorEnrolment(ctx, await parseJsonBody(TwoFactorCodeBody, request))),
  { duringEnrolment: true },
);
