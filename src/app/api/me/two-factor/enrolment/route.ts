// POST /api/me/two-factor/enrolment: a new secret for the authenticator app (QR code and key), to confirm with a code.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { startTwoFactorEnrolment } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const POST = withRole(
  BACK_OFFICE_ROLES,
  async ({ ctx }) => jsonData(await startTwoFactorEnrolment(ctx), undefined, 201),
  { duringEnrolment: true },
);
