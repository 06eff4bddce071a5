import { DEFAULT_LOCALE } from "../../../i18n/locales";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { authorizeIntegration, authorizeViewer, type Actor } from "../../actor";
import { getConfig } from "../../config";
import { accountInvitations, users } from "../../db/schema";
import { ConflictError, NotFoundError, sayError, UnprocessableError, ValidationError, words } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import { isEntityId, isExternalId } from "../../validation";
import { recordAudit } from "../audit/audit.service";
import { queueInvitationEmail } from "../notifications/notifications.service";
import { chosenPasswordWeakness, hashPassword } from "./password";
import { revokeAllUserSessions } from "./user-sessions";
import { INVITATION_STATE_MESSAGES } from "../../shared/invitation-states";

export { INVITATION_STATE_MESSAGES };

const tokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The token of a link: 32 random bytes, base64url (43 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Who may invite: an admin (any account), the platform's key or the command line (the platform's hosts, and any account from the cli). */
function authorizeInviter(actor: Actor): void {
  if (actor.role === "api-key" || actor.role === "system") authorizeIntegration(actor, "listings:write");
  else authorizeViewer(actor, ["admin"]);
}

export interface SentInvitation {
  userId: string;
  email: string;
  expiresAt: string;
}

/**
 * Sends the account a single-use link to choose its password (INVITATION_HOURS), through the outbox; a newer one
 * replaces the previous. An account that already has a password is refused (409): « Mot de passe oublié » is its way.
 */
export async function inviteAccount(
  ctx: ServiceContext,
  input: { userId: string; now?: Date },
): Promise<SentInvitation> {
  authorizeInviter(ctx.actor);
  if (!isEntityId(input.userId)) throw new NotFoundError("Compte", input.userId);
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const [account] = await tx.db.select().from(users).where(eq(users.id, input.userId)).for("update");
    if (!account) throw new NotFoundError("Compte", input.userId);
    // The platform invites its hosts; it does not hand out staff accounts.
    if (ctx.actor.role === "api-key" && account.role !== "host") throw new NotFoundError("Compte", input.userId);
    if (account.passwordHash !== null) throw new ConflictError(words("hasPassword"));
    if (account.disabledAt !== null) throw new ConflictError(words("accountDisabled"));
    return sendInvitation(tx, account, now, "user.invited");
  });
}

/** A new link for the account (its earlier ones replaced), e-mailed through the outbox, audited. In the caller's transaction. */
export async function sendInvitation(
  tx: ServiceContext,
  account: typeof users.$inferSelect,
  now: Date,
  action: "user.invited" | "user.invitation_renewed",
): Promise<SentInvitation> {
  await tx.db
    .update(accountInvitations)
    .set({ replacedAt: now })
    .where(
      and(
        eq(accountInvitations.userId, account.id),
        isNull(accountInvitations.usedAt),
        isNull(accountInvitations.replacedAt),
      ),
    );
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + getConfig().invitations.hours * 3_600_000);
  const [invitation] = await tx.db
    .insert(accountInvitations)
    .values({ userId: account.id, tokenHash: tokenHash(token), expiresAt, createdAt: now })
    .returning({ id: accountInvitations.id });
  const link = `${getConfig().auth.url.replace(/\/$/, "")}/invitation#${token}`;
  await queueInvitationEmail(tx, {
    invitationId: invitation!.id,
    recipient: account.email,
    facts: { name: account.name, role: account.role, link, expiresAt, locale: account.locale },
  });
  await recordAudit(tx, {
    action,
    entityType: "user",
    entityId: account.id,
    data: { expiresAt: expiresAt.toISOString() },
  });
  return { userId: account.id, email: account.email, expiresAt: expiresAt.toISOString() };
}

/** POST /api/v1/hosts/{externalId}/invitation: the platform's host, by its id. */
export async function inviteHostByExternalId(
  ctx: ServiceContext,
  input: { externalId: string; now?: Date },
): Promise<SentInvitation> {
  authorizeInviter(ctx.actor);
  if (!isExternalId(input.externalId)) throw new NotFoundError("Hôte", input.externalId);
  const [host] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.externalId, input.externalId), eq(users.role, "host")))
    .limit(1);
  if (!host) throw new NotFoundError("Hôte", input.externalId);
  return inviteAccount(ctx, { userId: host.id, now: input.now });
}

export type InvitationState =
  | { state: "valid"; name: string; email: string; role: "host" | "support" | "admin" }
  | { state: "used" | "expired" | "replaced" | "unknown" };

async function findInvitation(ctx: ServiceContext, token: string, lock: boolean) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const query = ctx.db
    .select({
      invitation: accountInvitations,
      name: users.name,
      email: users.email,
      role: users.role,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      disabled: sql<boolean>`${users.disabledAt} is not null`,
    })
    .from(accountInvitations)
    .innerJoin(users, eq(users.id, accountInvitations.userId))
    .where(eq(accountInvitations.tokenHash, tokenHash(token)));
  const [row] = lock ? await query.for("update", { of: accountInvitations }) : await query;
  return row ?? null;
}

function stateOf(row: Awaited<ReturnType<typeof findInvitation>>, now: Date): InvitationState {
  if (!row || row.disabled) return { state: "unknown" };
  if (row.invitation.usedAt) return { state: "used" };
  if (row.invitation.replacedAt) return { state: "replaced" };
  if (row.invitation.expiresAt <= now) return { state: "expired" };
  return { state: "valid", name: row.name, email: row.email, role: row.role };
}

/** What the invitation page says about a link: who it is for, or why it no longer works. Anyone holding the link may ask. */
export async function inspectInvitation(
  ctx: ServiceContext,
  input: { token: string; now?: Date },
): Promise<InvitationState> {
  return stateOf(await findInvitation(ctx, input.token, false), input.now ?? new Date());
}

export const InspectInvitationBody = z.object({ token: z.string().max(100) }).strict();

export const AcceptInvitationInput = z.object({ token: z.string().max(100), password: z.string().max(1000) }).strict();

/**
 * The invited person chooses a password (CHOSEN_PASSWORD_MIN_LENGTH, not their e-mail or name): the link is used up
 * in the same transaction, and every other session of the account ends. Returns the e-mail to sign in with.
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  input: z.input<typeof AcceptInvitationInput> & { now?: Date },
): Promise<{ email: string; role: "host" | "support" | "admin" }> {
  const parsed = AcceptInvitationInput.safeParse({ token: input.token, password: input.password });
  if (!parsed.success) throw new ValidationError(words("badRequest"), parsed.error.issues);
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const row = await findInvitation(tx, parsed.data.token, true);
    const state = stateOf(row, now);
    if (state.state !== "valid")
      throw new ConflictError(words(`invitationState.${state.state}`), { state: state.state });
    const weakness = chosenPasswordWeakness(parsed.data.password, { email: state.email, name: state.name });
    if (weakness)
      throw new UnprocessableError(weakness, [{ path: "password", message: sayError(weakness, DEFAULT_LOCALE) }]);
    const passwordHash = await hashPassword(parsed.data.password);
    await tx.db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, row!.invitation.userId));
    await tx.db.update(accountInvitations).set({ usedAt: now }).where(eq(accountInvitations.id, row!.invitation.id));
    await revokeAllUserSessions(tx, { userId: row!.invitation.userId, reason: "user" });
    await recordAudit(
      { db: tx.db, actor: tx.actor },
      {
        actorId: row!.invitation.userId,
        action: "user.invitation_accepted",
        entityType: "user",
        entityId: row!.invitation.userId,
      },
    );
    return { email: state.email, role: state.role };
  });
}

/** How soon a dead link may ask again: one new e-mail per quarter of an hour, whatever the page is asked. */
const RENEW_AFTER_MS = 15 * 60_000;

/**
 * « Recevoir un nouveau lien », from a link that expired or was replaced: a new invitation to the same account's own
 * address (never another), unless the account has a password by now, is disabled, or got an invitation in the last
 * quarter of an hour. The answer is the same in every case: the page reveals nothing about the account.
 */
export async function renewInvitation(
  ctx: ServiceContext,
  input: { token: string; now?: Date },
): Promise<{ requested: true }> {
  const now = input.now ?? new Date();
  await inTransaction(ctx, async (tx) => {
    const row = await findInvitation(tx, input.token, true);
    if (!row || row.hasPassword || row.disabled || row.invitation.usedAt) return;
    if (!row.invitation.replacedAt && row.invitation.expiresAt > now) return;
    const [account] = await tx.db.select().from(users).where(eq(users.id, row.invitation.userId)).for("update");
    const [latest] = await tx.db
      .select({ createdAt: accountInvitations.createdAt })
      .from(accountInvitations)
      .where(eq(accountInvitations.userId, row.invitation.userId))
      .orderBy(sql`${accountInvitations.createdAt} desc`)
      .limit(1);
    if (!account || (latest && now.getTime() - latest.createdAt.getTime() < RENEW_AFTER_MS)) return;
    await sendInvitation(tx, account, now, "user.invitation_renewed");
  });
  return { requested: true };
}
