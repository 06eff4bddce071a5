import { authorizeViewer } from "../../actor";
import { inTransaction, type ServiceContext } from "../../service-context";
import { lockTeamMember } from "./team-member";
import { revokeAllUserSessions } from "./user-sessions";

/** « Déconnecter partout » in « Équipe »: every open session of a team member ends at its next request. */
export async function signOutAccountEverywhere(
  ctx: ServiceContext,
  input: { userId: string },
): Promise<{ id: string; sessions: number }> {
  authorizeViewer(ctx.actor, ["admin"]);
  return inTransaction(ctx, async (tx) => {
    const account = await lockTeamMember(tx, input.userId);
    const sessions = await revokeAllUserSessions(tx, { userId: account.id, reason: "admin" });
    return { id: account.id, sessions };
  });
}
