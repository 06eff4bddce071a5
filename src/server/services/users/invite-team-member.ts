import { z } from "zod";
import { authorizeViewer } from "../../actor";
import { ValidationError } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import { lineText } from "../../validation";
import { sendInvitation, type SentInvitation } from "./account-invitations";
import { createUser } from "./create-user";
import { TEAM_ROLES } from "./change-account-role";
import { lockTeamMember } from "./team-member";

export const InviteTeamMemberBody = z
  .object({
    name: lineText().trim().min(1, "Le nom est obligatoire.").max(200),
    email: z.email("Adresse e-mail invalide.").max(320),
    role: z.enum(TEAM_ROLES, { error: "Rôle inconnu : « support » ou « admin »." }),
  })
  .strict();

/**
 * « Inviter » in « Équipe »: a new support or admin account, without a password, and its single-use link
 * (INVITATION_HOURS) by e-mail through the outbox, in one transaction. An address already taken → 409.
 */
export async function inviteTeamMember(
  ctx: ServiceContext,
  input: z.input<typeof InviteTeamMemberBody> & { now?: Date },
): Promise<SentInvitation> {
  authorizeViewer(ctx.actor, ["admin"]);
  const { now, ...body } = input;
  const parsed = InviteTeamMemberBody.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(parsed.error.issues.map((issue) => issue.message).join(" "), parsed.error.issues);
  return inTransaction(ctx, async (tx) => {
    const created = await createUser(tx, parsed.data);
    const account = await lockTeamMember(tx, created.id);
    return sendInvitation(tx, account, now ?? new Date(), "user.invited");
  });
}
