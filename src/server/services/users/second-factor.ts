import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, or, lt, sql } from "drizzle-orm";
import { verify } from "otplib";
import { totpRecoveryCodes, users, type User } from "../../db/schema";
import { getConfig } from "../../config";
import { decryptWithCurrentOrPrevious } from "../../crypto/secret-box";
import type { ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";

/** A code from the authenticator app: six digits, accepted 30 s either side of now, once. */
const TOTP_PATTERN = /^\d{6}$/;
export const RECOVERY_CODE_COUNT = 10;

const recoveryHash = (code: string) =>
  createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase(), "utf8").digest("hex");

/** Ten single-use codes, « abcd-efgh-jk » (50 random bits each, no look-alike letters), shown once and stored hashed. */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
  });
}

/** Replaces the account's recovery codes with new ones; returns them, in clear, for this answer only. */
export async function replaceRecoveryCodes(ctx: ServiceContext, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await ctx.db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  await ctx.db
    .insert(totpRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: recoveryHash(code), createdAt: now })));
  return codes;
}

/**
 * Checks an app code against the account's secret; a code is accepted once: the step it matched is recorded by a
 * guarded update (`totp_last_step < step`), so a replay, or two sign-ins with one code at once, get one success.
 */
export async function acceptTotpCode(
  ctx: ServiceContext,
  input: { account: Pick<User, "id" | "totpSecret" | "totpLastStep">; code: string; now: Date },
): Promise<number | null> {
  const { account, code, now } = input;
  if (!account.totpSecret || !TOTP_PATTERN.test(code)) return null;
  const { encryptionKey, previousEncryptionKey } = getConfig();
  const secret = decryptWithCurrentOrPrevious(account.totpSecret, encryptionKey, previousEncryptionKey);
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(account.totpLastStep !== null ? { afterTimeStep: account.totpLastStep } : {}),
  });
  // The functional API types HOTP's result too; a TOTP check always carries its step.
  if (!result.valid || !("timeStep" in result)) return null;
  const [recorded] = await ctx.db
    .update(users)
    .set({ totpLastStep: result.timeStep })
    .where(and(eq(users.id, account.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, result.timeStep))))
    .returning({ id: users.id });
  return recorded ? result.timeStep : null;
}

/** A recovery code, spent by one guarded update: it signs in once, whatever runs at the same time. */
async function spendRecoveryCode(ctx: ServiceContext, userId: string, code: string, now: Date): Promise<boolean> {
  const [spent] = await ctx.db
    .update(totpRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(totpRecoveryCodes.userId, userId),
        eq(totpRecoveryCodes.codeHash, recoveryHash(code)),
        isNull(totpRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: totpRecoveryCodes.id });
  if (!spent) return false;
  const [left] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt)));
  await recordAudit(ctx, {
    actorId: userId,
    action: "user.recovery_code_used",
    entityType: "user",
    entityId: userId,
    data: { left: Number(left?.count ?? 0) },
  });
  return true;
}

/** The second factor of an account with two-factor on: an app code, or one of its recovery codes. */
export async function checkSecondFactor(
  ctx: ServiceContext,
  input: { account: User; code: string; now: Date },
): Promise<boolean> {
  const code = input.code.trim();
  if (code.length === 0 || code.length > 40) return false;
  if (TOTP_PATTERN.test(code)) return (await acceptTotpCode(ctx, { ...input, code })) !== null;
  return spendRecoveryCode(ctx, input.account.id, code, input.now);
}
