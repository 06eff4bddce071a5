import { createHash, randomBytes } from "node:crypto";
import { getConfig } from "../../config";
import { decryptWithCurrentOrPrevious, encryptSecret } from "../../crypto/secret-box";
import { exportLinkPath } from "../../shared/export-destinations";

const TOKEN_BYTES = 32;
/** base64url of 32 bytes: 43 characters, nothing else. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface NewExportToken {
  token: string;
  hash: string;
  ciphertext: string;
}

/** A fresh token (32 random bytes), its hash (how it is looked up) and its ciphertext (how the host sees it again). */
export function newExportToken(): NewExportToken {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, hash: hashExportToken(token), ciphertext: encryptSecret(token, getConfig().encryptionKey) };
}

export const hashExportToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** A token we could have issued; anything else is unknown without asking the database. */
export const isExportTokenShaped = (token: string): boolean => TOKEN_SHAPE.test(token);

export function revealExportToken(ciphertext: string): string {
  const { encryptionKey, previousEncryptionKey } = getConfig();
  return decryptWithCurrentOrPrevious(ciphertext, encryptionKey, previousEncryptionKey);
}

/** The link a destination reads, at the app's public address. */
export const exportUrlOf = (token: string): string =>
  `${getConfig().auth.url.replace(/\/+$/, "")}${exportLinkPath(token)}`;

/** What leaves the server when the link itself must not: « …/ical/AbCd…xYz.ics ». */
export const maskedExportUrlOf = (token: string): string =>
  `${getConfig().auth.url.replace(/\/+$/, "")}/ical/${token.slice(0, 4)}…${token.slice(-3)}.ics`;
