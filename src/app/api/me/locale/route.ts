// PATCH /api/me/locale { locale }: the signed-in person's language (« fr », « en »), every role.
import { SIGNED_IN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { AccountLocaleBody, setAccountLocale } from "@/server/services/users/users.service";

export const runtime = "nodejs";

export const PATCH = withRole(
  SIGNED_IN_ROLES,
  async ({ request, ctx }) => jsonData(await setAccountLocale(ctx, await parseJsonBody(AccountLocaleBody, request))),
  { duringEnrolment: true },
);
