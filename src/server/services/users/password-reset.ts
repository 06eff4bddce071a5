import { DEFAULT_LOCALE } from "../../../i18n/locales";
import type { Locale } from "../../../i18n/locales";
import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getConfig } from "../../config";
import { newId } from "../../db/new-id";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { passwordResets, users } from "../../db/schema";
import { ConflictError, sayError, TooSoonError, UnprocessableError, ValidationError, words } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import { AUDIT_INSERT, recordAudit } from "../audit/audit.service";
import { messageIdFor, OUTBOX_INSERT, renderPasswordResetEmail } from "../notifications/notifications.service";
import { reserveLoginAttempt, throttleKeys } from "./login-throttle";
import { chosenPasswordWeakness, hashPassword } from "./password";
import { revokeAllUserSessions } from "./user-sessions";
import { PASSWORD_RESET_STATE_MESSAGES } from "../../shared/password-reset-states";

const tokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const PasswordResetRequestBody = z.object({ email: z.string().trim().max(320) }).strict();
export const PasswordResetTokenBody = z.object({ token: z.string().max(100) }).strict();
export const CompletePasswordResetInput = z
  .object({ token: z.string().max(100), password: z.string().max(1000) })
  .strict();

// One statement whatever the address: the active account it names (if any), its unused links replaced, the new link,
// its e-mail queued and the request audited, each inserting nothing when no account matched. So a request for an
// unknown address does the same work, in the same time, as one for a known address.
const requestStatement = preparedStatement(
  "request_password_reset_v1",
  `with account as (
     select id, email from users where lower(email) = lower($1::text) and disabled_at is null limit 1
   ), replaced as (
     update password_resets set replaced_at = $4::timestamptz
     where user_id in (select id from account) and used_at is null and replaced_at is null
   ), created as (
     insert into password_resets (id, user_id, token_hash, expires_at, created_at)
     select $2::text, id, $3::text, $5::timestamptz, $4::timestamptz from account
     returning id, user_id
   ), mailed as (
     ${OUTBOX_INSERT}
     select $6::text, 'password-reset:' || created.id, 'account.password_reset', account.email, $7::text, $8::text, $9::text, $10::text
     from created join account on account.id = created.user_id
   ), audited as (
     ${AUDIT_INSERT}
     select null, null, 'user.password_reset_requested', 'user', created.user_id, jsonb_build_object('expiresAt', $5::timestamptz)
     from created
   )
   select count(*)::int as sent from created`,
);

/**
 * « Mot de passe oublié »: e-mails a single-use link (PASSWORD_RESET_MINUTES, stored hashed) to the active account of
 * that address, any role. The answer is the same whether the address exists or not, and costs the same (one
 * statement). Throttled as sign-in, in its own count: past LOGIN_MAX_FAILURES requests from an address (or for an
 * address from one client) in LOGIN_WINDOW_MINUTES, 429.
 */
export async function requestPasswordReset(
  ctx: ServiceContext,
  input: { email: string; clientAddress?: string | null; now?: Date; locale?: Locale },
): Promise<{ requested: true }> {
  const parsed = PasswordResetRequestBody.safeParse({ email: input.email });
  if (!parsed.success) throw new ValidationError(words("badEmail"), parsed.error.issues);
  const now = input.now ?? new Date();
  const { auth, passwordReset } = getConfig();
  const reservation = await reserveLoginAttempt(ctx, {
    keys: throttleKeys(`reset:${parsed.data.email}`, input.clientAddress ?? null),
    settings: { maxFailures: auth.loginMaxFailures, windowMinutes: auth.loginWindowMinutes, maxDelayMs: 0 },
    now,
  });
  if (!reservation.allowed)
    throw new TooSoonError(
      words("tooManyResets"),
      Math.max(1, Math.ceil((reservation.retryAt.getTime() - now.getTime()) / 1000)),
    );
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + passwordReset.minutes * 60_000);
  const resetId = newId();
  const email = renderPasswordResetEmail({
    link: `${auth.url.replace(/\/$/, "")}/reinitialiser#${token}`,
    expiresAt,
    locale: input.locale,
  });
  await runPrepared(ctx.db, requestStatement, [
    parsed.data.email,
    resetId,
    tokenHash(token),
    now.toISOString(),
    expiresAt.toISOString(),
    newId(),
    email.subject,
    email.text,
    email.html,
    messageIdFor(`password-reset:${resetId}`),
  ]);
  return { requested: true };
}

export type PasswordResetState =
  { state: "valid"; email: string } | { state: "used" | "expired" | "replaced" | "unknown" };

export { PASSWORD_RESET_STATE_MESSAGES };

async function findReset(ctx: ServiceContext, token: string, lock: boolean) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const query = ctx.db
    .select({
      reset: passwordResets,
      email: users.email,
      name: users.name,
      disabled: sql<boolean>`${users.disabledAt} is not null`,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, tokenHash(token)));
  const [row] = lock ? await query.for("update", { of: passwordResets }) : await query;
  return row ?? null;
}

function stateOf(row: Awaited<ReturnType<typeof findReset>>, now: Date): PasswordResetState {
  if (!row || row.disabled) return { state: "unknown" };
  if (row.reset.usedAt) return { state: "used" };
  if (row.reset.replacedAt) return { state: "replaced" };
  if (row.reset.expiresAt <= now) return { state: "expired" };
  return { state: "valid", email: row.email };
}

/** What the reset page says about a link: for which address, or why it no longer works. */
export async function inspectPasswordReset(
  ctx: ServiceContext,
  input: { token: string; now?: Date },
): Promise<PasswordResetState> {
  return stateOf(await findReset(ctx, input.token, false), input.now ?? new Date());
}

/**
 * A new password through the link: used up in the same transaction, and every session of the account ends (the one
 * who forgot signs in again; whoever else held one is out). Returns the e-mail to sign in with.
 */
export async function completePasswordReset(
  ctx: ServiceContext,
  input: z.input<typeof CompletePasswordResetInput> & { now?: Date },
): Promise<{ email: string }> {
  const parsed = CompletePasswordResetInput.safeParse({ token: input.token, password: input.password });
  if (!parsed.success) throw new ValidationError(words("badRequest"), parsed.error.issues);
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const row = await findReset(tx, parsed.data.token, true);
    const state = stateOf(row, now);
    if (state.state !== "valid") throw new ConflictError(words(`resetState.${state.state}`), { state: state.state });
    const weakness = chosenPasswordWeakness(parsed.data.password, { email: row!.email, name: row!.name });
    if (weakness)
      throw new UnprocessableError(weakness, [{ path: "password", message: sayError(weakness, DEFAULT_LOCALE) }]);
    const passwordHash = await hashPassword(parsed.data.password);
    await tx.db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, row!.reset.userId));
    await tx.db.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, row!.reset.id));
    await revokeAllUserSessions(tx, { userId: row!.reset.userId, reason: "user" });
    await recordAudit(tx, {
      actorId: row!.reset.userId,
      action: "user.password_reset",
      entityType: "user",
      entityId: row!.reset.userId,
    });
    return { email: row!.email };
  });
}
