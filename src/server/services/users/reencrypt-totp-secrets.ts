import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import { users } from "../../db/schema";
import { encryptSecret, tryDecryptSecret } from "../../crypto/secret-box";
import type { ServiceContext } from "../../service-context";

/**
 * Step two of a key rotation for two-factor secrets: every secret still under `previousKey` is encrypted again under
 * `key`. Idempotent and safe beside sign-ins (a row is updated only if its ciphertext is still the one read); a secret
 * neither key opens is named by account id.
 */
export async function reencryptTotpSecrets(
  ctx: ServiceContext,
  input: { key: Buffer; previousKey: Buffer },
): Promise<{ reencrypted: number; unreadable: string[] }> {
  const { key, previousKey } = input;
  let reencrypted = 0;
  const unreadable: string[] = [];
  let after = "";
  for (;;) {
    const batch = await ctx.db
      .select({ id: users.id, totpSecret: users.totpSecret })
      .from(users)
      .where(and(gt(users.id, after), isNotNull(users.totpSecret)))
      .orderBy(asc(users.id))
      .limit(500);
    if (batch.length === 0) return { reencrypted, unreadable };
    after = batch.at(-1)!.id;
    for (const account of batch) {
      if (tryDecryptSecret(account.totpSecret!, key) !== null) continue;
      const secret = tryDecryptSecret(account.totpSecret!, previousKey);
      if (secret === null) {
        unreadable.push(account.id);
        continue;
      }
      const updated = await ctx.db
        .update(users)
        .set({ totpSecret: encryptSecret(secret, key) })
        .where(and(eq(users.id, account.id), eq(users.totpSecret, account.totpSecret!)))
        .returning({ id: users.id });
      reencrypted += updated.length;
    }
  }
}
