// GET /api/me/two-factor: on or off, recovery codes left (support and admins).
// DELETE { code }: turn it off with a current code; refused to admins while TOTP_REQUIRED_FOR_ADMINS is set (409).
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { disableTwoFactor, TwoFactorCodeBody, twoFactorStatus } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ ctx }) => jsonData(await twoFactorStatus(ctx)), {
  duringEnrolment: true,
});

export const DELETE = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) => {
  await disableTwoFactor(ctx, await parseJsonBody(TwoFactorCodeBody, request));
  return jsonData(await twoFactorStatus(ctx));
});
