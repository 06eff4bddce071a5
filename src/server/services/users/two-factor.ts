import { and, eq, isNull, sql } from "drizzle-orm";
import { generateSecret, generateURI } from "otplib";
import QRCode from "qrcode";
import { z } from "zod";
import { totpRecoveryCodes, users, type User } from "../../db/schema";
import { authorizeViewer, type Viewer } from "../../actor";
import { getConfig } from "../../config";
import { encryptSecret } from "../../crypto/secret-box";
import { ConflictError, UnprocessableError, words } from "../../errors";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import { acceptTotpCode, checkSecondFactor, replaceRecoveryCodes } from "./second-factor";
import { lockTeamMember } from "./team-member";
import { revokeAllUserSessions } from "./user-sessions";

/** Two-factor is for the back-office's accounts: support and admins. */
const STAFF = ["support", "admin"] as const;
const ISSUER = "Alertes calendrier";

export const TwoFactorCodeBody = z.object({ code: z.string().trim().min(1).max(40) }).strict();

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  /** Admins may not turn it off while TOTP_REQUIRED_FOR_ADMINS is set. */
  required: boolean;
}

const requiredFor = (viewer: Viewer) => viewer.role === "admin" && getConfig().totp.requiredForAdmins;

async function lockAccount(tx: TransactionContext, viewer: Viewer): Promise<User> {
  const [account] = await tx.db.select().from(users).where(eq(users.id, viewer.id)).for("update");
  return account!;
}

/** « Mon compte » › double authentification: on or off, since when, how many recovery codes are left. */
export async function twoFactorStatus(ctx: ServiceContext): Promise<TwoFactorStatus> {
  const viewer = authorizeViewer(ctx.actor, STAFF);
  const [row] = await ctx.db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, viewer.id));
  const [left] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.userId, viewer.id), isNull(totpRecoveryCodes.usedAt)));
  return {
    enabled: Boolean(row?.enabledAt),
    enabledAt: row?.enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: Number(left?.count ?? 0),
    required: requiredFor(viewer),
  };
}

/**
 * Step one of enrolment: a new secret, kept encrypted on the account until a code confirms it; the answer holds it for
 * the authenticator app (QR code, and the key to type). A second call replaces it.
 */
export async function startTwoFactorEnrolment(
  ctx: ServiceContext,
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const viewer = authorizeViewer(ctx.actor, STAFF);
  return inTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, viewer);
    if (account.totpEnabledAt) throw new ConflictError(words("twoFactorOn"));
    const secret = generateSecret();
    await tx.db
      .update(users)
      .set({ totpSecret: encryptSecret(secret, getConfig().encryptionKey), totpLastStep: null })
      .where(eq(users.id, account.id));
    const uri = generateURI({ issuer: ISSUER, label: account.email, secret });
    const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    return { secret, uri, qrSvg };
  });
}

/** Step two: a code from the app turns two-factor on, and the ten recovery codes are given, once. Audited. */
export async function confirmTwoFactorEnrolment(
  ctx: ServiceContext,
  input: { code: string; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  const viewer = authorizeViewer(ctx.actor, STAFF);
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, viewer);
    if (account.totpEnabledAt) throw new ConflictError(words("twoFactorOn"));
    if (!account.totpSecret) throw new ConflictError(words("startTwoFactor"));
    const step = await acceptTotpCode(tx, { account, code: input.code.trim(), now });
    if (step === null)
      throw new UnprocessableError(words("wrongCodeEnrol"), [{ path: "code", message: "code incorrect" }]);
    await tx.db.update(users).set({ totpEnabledAt: now }).where(eq(users.id, account.id));
    const recoveryCodes = await replaceRecoveryCodes(tx, account.id, now);
    await recordAudit(tx, { action: "user.two_factor_enabled", entityType: "user", entityId: account.id });
    return { recoveryCodes };
  });
}

/** Two-factor off: the secret, its last step and the recovery codes gone. */
async function clearTwoFactor(tx: TransactionContext, userId: string): Promise<void> {
  await tx.db
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await tx.db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
}

async function requireCurrentFactor(tx: TransactionContext, account: User, code: string, now: Date): Promise<void> {
  if (!account.totpEnabledAt) throw new ConflictError(words("twoFactorOff"));
  if (!(await checkSecondFactor(tx, { account, code, now })))
    throw new UnprocessableError(words("wrongCode"), [{ path: "code", message: "code incorrect" }]);
}

/** « Nouveaux codes de secours »: with a current code, the ten codes are replaced. Audited. */
export async function regenerateRecoveryCodes(
  ctx: ServiceContext,
  input: { code: string; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  const viewer = authorizeViewer(ctx.actor, STAFF);
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, viewer);
    await requireCurrentFactor(tx, account, input.code, now);
    const recoveryCodes = await replaceRecoveryCodes(tx, account.id, now);
    await recordAudit(tx, { action: "user.recovery_codes_replaced", entityType: "user", entityId: account.id });
    return { recoveryCodes };
  });
}

/** « Désactiver »: with a current code (or a recovery code); refused to admins while TOTP_REQUIRED_FOR_ADMINS is set. */
export async function disableTwoFactor(ctx: ServiceContext, input: { code: string; now?: Date }): Promise<void> {
  const viewer = authorizeViewer(ctx.actor, STAFF);
  if (requiredFor(viewer)) throw new ConflictError(words("twoFactorRequired"));
  const now = input.now ?? new Date();
  await inTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, viewer);
    await requireCurrentFactor(tx, account, input.code, now);
    await clearTwoFactor(tx, account.id);
    await recordAudit(tx, { action: "user.two_factor_disabled", entityType: "user", entityId: account.id });
  });
}

/**
 * « Réinitialiser la double authentification » in « Équipe »: a member who lost both phone and recovery codes. An admin
 * turns it off for them (not for themself: their own page does that with a code); their sessions end, and they enrol
 * again at their next sign-in if it is required. Audited.
 */
export async function resetMemberTwoFactor(
  ctx: ServiceContext,
  input: { userId: string },
): Promise<{ id: string; changed: boolean }> {
  const viewer = authorizeViewer(ctx.actor, ["admin"]);
  if (viewer.id === input.userId) throw new ConflictError(words("ownTwoFactor"));
  return inTransaction(ctx, async (tx) => {
    const account = await lockTeamMember(tx, input.userId);
    if (!account.totpSecret && !account.totpEnabledAt) return { id: account.id, changed: false };
    await clearTwoFactor(tx, account.id);
    await revokeAllUserSessions(tx, { userId: account.id, reason: "admin" });
    await recordAudit(tx, { action: "user.two_factor_reset", entityType: "user", entityId: account.id });
    return { id: account.id, changed: true };
  });
}
