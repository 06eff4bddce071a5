import { createHash, randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 32 random bytes are at most 43 base62 characters. */
const KEY_LENGTH = 43;
export const API_KEY_PREFIX = "csa_";
export const API_KEY_PATTERN = /^csa_[0-9A-Za-z]{43}$/;

/** A new key: `csa_` and 32 random bytes in base62 (a recognisable prefix, as Stripe's and GitHub's keys have). */
export function newApiKey(): string {
  let value = BigInt(`0x${randomBytes(32).toString("hex")}`);
  let text = "";
  while (value > 0n) {
    text = BASE62[Number(value % 62n)] + text;
    value /= 62n;
  }
  return API_KEY_PREFIX + text.padStart(KEY_LENGTH, "0");
}

/** What is stored and looked up: the key is 256 random bits, so a fast hash is as safe as a slow one here. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What may be shown of a key once made: « csa_AbCd… ». */
export function displayPrefix(key: string): string {
  return `${key.slice(0, API_KEY_PREFIX.length + 4)}…`;
}
