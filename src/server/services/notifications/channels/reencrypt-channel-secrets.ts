import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { notificationChannels } from "../../../db/schema";
import { encryptSecret, tryDecryptSecret } from "../../../crypto/secret-box";
import type { ServiceContext } from "../../../service-context";

const FIELDS = ["urlCiphertext", "secretCiphertext", "previousSecretCiphertext"] as const;

/**
 * Step two of a key rotation, for channels: URLs and webhook secrets still under `previousKey` are encrypted again
 * under `key`. Idempotent; a row is written only if its three ciphertexts are still the ones read (an admin's edit
 * meanwhile is kept, and the row left to the next run); a value neither key opens is reported by channel id.
 */
export async function reencryptChannelSecrets(
  ctx: ServiceContext,
  input: { key: Buffer; previousKey: Buffer },
): Promise<{ reencrypted: number; unreadable: string[] }> {
  const { db } = ctx;
  const channels = await db.select().from(notificationChannels).orderBy(asc(notificationChannels.id));
  let reencrypted = 0;
  const unreadable = new Set<string>();
  for (const channel of channels) {
    const changes: Partial<Record<(typeof FIELDS)[number], string>> = {};
    for (const field of FIELDS) {
      const ciphertext = channel[field];
      if (!ciphertext || tryDecryptSecret(ciphertext, input.key) !== null) continue;
      const clear = tryDecryptSecret(ciphertext, input.previousKey);
      if (clear === null) unreadable.add(channel.id);
      else changes[field] = encryptSecret(clear, input.key);
    }
    if (Object.keys(changes).length === 0) continue;
    const unchangedSinceRead: SQL[] = FIELDS.map(
      (field) => sql`${notificationChannels[field]} is not distinct from ${channel[field]}`,
    );
    const updated = await db
      .update(notificationChannels)
      .set(changes)
      .where(and(eq(notificationChannels.id, channel.id), ...unchangedSinceRead))
      .returning({ id: notificationChannels.id });
    reencrypted += updated.length;
  }
  return { reencrypted, unreadable: [...unreadable] };
}
