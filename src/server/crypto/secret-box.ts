import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

// HKDF per sync was measurable on the worker's thread; a process holds one or two master keys at most.
const derivedKeys = new Map<string, Buffer>();

function subKey(masterKey: Buffer, purpose: string): Buffer {
  const cacheKey = `${purpose}:${masterKey.toString("base64")}`;
  let derived = derivedKeys.get(cacheKey);
  if (!derived) {
    derived = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), purpose, 32));
    if (derivedKeys.size >= 16) derivedKeys.clear();
    derivedKeys.set(cacheKey, derived);
  }
  return derived;
}

/** AES-256-GCM: "v1:<iv>:<tag>:<ciphertext>", base64url parts. */
export function encryptSecret(plaintext: string, masterKey: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", subKey(masterKey, "feed-url-encryption"), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(":");
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(`${VERSION}:`);
}

export class SecretDecryptionError extends Error {
  constructor() {
    super("A stored secret could not be decrypted: APP_ENCRYPTION_KEY differs from the key it was encrypted with.");
    this.name = "SecretDecryptionError";
  }
}

export function decryptSecret(value: string, masterKey: Buffer): string {
  const [version, iv, tag, ciphertext] = value.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new SecretDecryptionError();
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      subKey(masterKey, "feed-url-encryption"),
      Buffer.from(iv, "base64url"),
    );
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError();
  }
}

/** The clear value if `masterKey` opens the ciphertext, else null (a key rotation asks this of each row). */
export function tryDecryptSecret(value: string, masterKey: Buffer): string | null {
  try {
    return decryptSecret(value, masterKey);
  } catch {
    return null;
  }
}

/** Decrypts with the current key, or during a key rotation with the previous one; SecretDecryptionError if neither opens it. */
export function decryptWithCurrentOrPrevious(value: string, key: Buffer, previousKey?: Buffer): string {
  try {
    return decryptSecret(value, key);
  } catch (error) {
    if (previousKey && error instanceof SecretDecryptionError) return decryptSecret(value, previousKey);
    throw error;
  }
}

/** Keyed, deterministic hash: equal inputs compare equal without the value being readable. */
export function fingerprintSecret(value: string, masterKey: Buffer): string {
  return createHmac("sha256", subKey(masterKey, "feed-url-fingerprint")).update(value).digest("base64url");
}
