import { randomBytes } from "node:crypto";
import { decryptWithCurrentOrPrevious, encryptSecret } from "../../../crypto/secret-box";
import { getConfig } from "../../../config";

/** A Standard Webhooks secret: whsec_ and 24 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export const sealChannelSecret = (plaintext: string) => encryptSecret(plaintext, getConfig().encryptionKey);

/** A channel's URL or secret in clear, for sending only; during a key rotation, read with the previous key. */
export function openChannelSecret(ciphertext: string): string {
  const { encryptionKey, previousEncryptionKey } = getConfig();
  return decryptWithCurrentOrPrevious(ciphertext, encryptionKey, previousEncryptionKey);
}
