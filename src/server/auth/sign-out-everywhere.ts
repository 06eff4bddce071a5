import { withTransaction, type ServiceContext } from "../db/transaction";
import { SIGNED_IN_ROLES } from "./roles";
import { authorizeViewer, type Viewer } from "./viewer";
import { revokeAllUserSessions } from "../services/users/user-sessions";

/** « Se déconnecter partout »: every open session of the viewer's account ends now, on every device (audited). */
export async function signOutEverywhere(viewer: Viewer, ctx: ServiceContext): Promise<{ sessionsEnded: number }> {
  authorizeViewer(viewer, SIGNED_IN_ROLES);
  return withTransaction(ctx, async (tx) => ({ sessionsEnded: await revokeAllUserSessions(tx, viewer.id, viewer.id, "user") }));
}
