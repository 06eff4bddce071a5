import { inTransaction, type ServiceContext } from "../service-context";
import { SIGNED_IN_ROLES } from "./roles";
import { authorizeViewer } from "./viewer";
import { revokeAllUserSessions } from "../services/users/users.service";

/** « Se déconnecter partout »: every open session of the acting user's account ends now, on every device (audited). */
export async function signOutEverywhere(ctx: ServiceContext): Promise<{ sessionsEnded: number }> {
  const viewer = authorizeViewer(ctx.actor, SIGNED_IN_ROLES);
  return inTransaction(ctx, async (tx) => ({
    sessionsEnded: await revokeAllUserSessions(tx, { userId: viewer.id, reason: "user" }),
  }));
}
