import { and, asc, eq, gt } from "drizzle-orm";
import { exportLinks } from "../../db/schema";
import { encryptSecret, tryDecryptSecret } from "../../crypto/secret-box";
import type { ServiceContext } from "../../service-context";

/**
 * Step two of a key rotation for the export links: every token still encrypted under `previousKey` is encrypted again
 * under `key` (its hash, how it is looked up, does not change). Idempotent and safe beside running requests (a row is
 * updated only if its ciphertext is still the one read); a token neither key opens is named by link id.
 */
export async function reencryptExportTokens(
  ctx: ServiceContext,
  input: { key: Buffer; previousKey: Buffer; batchSize?: number },
): Promise<{ reencrypted: number; unreadable: string[] }> {
  const { key, previousKey, batchSize = 500 } = input;
  let reencrypted = 0;
  const unreadable: string[] = [];
  let after = "";
  for (;;) {
    const batch = await ctx.db
      .select({ id: exportLinks.id, tokenCiphertext: exportLinks.tokenCiphertext })
      .from(exportLinks)
      .where(gt(exportLinks.id, after))
      .orderBy(asc(exportLinks.id))
      .limit(batchSize);
    if (batch.length === 0) return { reencrypted, unreadable };
    after = batch.at(-1)!.id;
    for (const link of batch) {
      if (tryDecryptSecret(link.tokenCiphertext, key) !== null) continue;
      const token = tryDecryptSecret(link.tokenCiphertext, previousKey);
      if (token === null) {
        unreadable.push(link.id);
        continue;
      }
      const updated = await ctx.db
        .update(exportLinks)
        .set({ tokenCiphertext: encryptSecret(token, key) })
        .where(and(eq(exportLinks.id, link.id), eq(exportLinks.tokenCiphertext, link.tokenCiphertext)))
        .returning({ id: exportLinks.id });
      reencrypted += updated.length;
    }
  }
}
