import { words, type ErrorWords } from "../../errors";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";

// scrypt with N=2^15 costs ~50-100 ms per hash here: slow enough against offline guessing, built into Node.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, KEY_LENGTH, { ...params, maxmem: PARAMS.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Format: scrypt$N$r$p$salt$hash (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const PASSWORD_MIN_LENGTH = 8;

/** Null when acceptable, else the French reason shown to the operator. */
export function passwordWeakness(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password))
    return "Le mot de passe doit contenir au moins une lettre et un chiffre.";
  return null;
}

/** What an invited person chooses: longer, and not made of their own e-mail or name. */
export const CHOSEN_PASSWORD_MIN_LENGTH = 12;

const fold = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** Null when acceptable for this account, else the reason the page shows (in its reader's language). */
export function chosenPasswordWeakness(password: string, account: { email: string; name: string }): ErrorWords | null {
  if (password.length < CHOSEN_PASSWORD_MIN_LENGTH) return words("passwordShort", { min: CHOSEN_PASSWORD_MIN_LENGTH });
  if (password.length > 200) return words("passwordLong");
  const folded = fold(password);
  const local = fold(account.email.split("@")[0] ?? "");
  const parts = [local, fold(account.email), ...fold(account.name).split(/[^a-z0-9]+/)].filter(
    (part) => part.length >= 4,
  );
  if (parts.some((part) => folded.includes(part))) return words("passwordPersonal");
  if (new Set(password).size < 5) return words("passwordRepetitive");
  return null;
}
