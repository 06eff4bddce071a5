// DELETE /api/me/sessions: « Se déconnecter partout » — every session of the signed-in account ends now, this one included.
import { SIGNED_IN_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { jsonData } from "@/server/http/respond";
import { signOutEverywhere } from "@/server/auth/sign-out-everywhere";

export const runtime = "nodejs";

export const DELETE = withRole(SIGNED_IN_ROLES, async ({ ctx }) => jsonData(await signOutEverywhere(ctx)));
