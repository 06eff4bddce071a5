import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

// SCRAM-SHA-256 as PostgreSQL speaks it (RFC 5802, RFC 7677; no channel binding, since the embedded server is plain TCP
// on loopback): the server side, for the embedded database's wire server.
const ITERATIONS = 4096;

const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest();
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();

export interface ScramVerifier {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** What the server keeps of a password: PostgreSQL's pg_authid form, derived once when serving starts. */
export function scramVerifierOf(password: string, salt = randomBytes(16), iterations = ITERATIONS): ScramVerifier {
  const salted = pbkdf2Sync(password.normalize("NFKC"), salt, iterations, 32, "sha256");
  return { salt, iterations, storedKey: sha256(hmac(salted, "Client Key")), serverKey: hmac(salted, "Server Key") };
}

function attributes(message: string): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const part of message.split(",")) {
    const at = part.indexOf("=");
    if (at === 1) parsed.set(part[0]!, part.slice(2));
  }
  return parsed;
}

export type ScramExchange =
  | {
      step: "continue";
      serverFirst: string;
      finish(clientFinal: string): { ok: true; serverFinal: string } | { ok: false };
    }
  | { step: "refused" };

/**
 * Answers the client-first message (`n,,n=user,r=nonce`): the server-first message, and the check of the client-final
 * message, which proves the password without sending it. Anything malformed is refused.
 */
export function startScramExchange(verifier: ScramVerifier, clientFirst: string): ScramExchange {
  const gs2 = /^([ny]),(?:a=[^,]*)?,/.exec(clientFirst);
  if (!gs2) return { step: "refused" };
  const header = gs2[0];
  const clientFirstBare = clientFirst.slice(header.length);
  const clientNonce = attributes(clientFirstBare).get("r");
  if (!clientNonce || !/^[\x21-\x2b\x2d-\x7e]+$/.test(clientNonce)) return { step: "refused" };
  const nonce = clientNonce + randomBytes(18).toString("base64");
  const serverFirst = `r=${nonce},s=${verifier.salt.toString("base64")},i=${verifier.iterations}`;
  return {
    step: "continue",
    serverFirst,
    finish(clientFinal) {
      const proofAt = clientFinal.lastIndexOf(",p=");
      if (proofAt < 0) return { ok: false };
      const withoutProof = clientFinal.slice(0, proofAt);
      const final = attributes(withoutProof);
      if (final.get("r") !== nonce || final.get("c") !== Buffer.from(header).toString("base64")) return { ok: false };
      const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
      if (proof.length !== 32) return { ok: false };
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const signature = hmac(verifier.storedKey, authMessage);
      const clientKey = Buffer.from(proof.map((byte, index) => byte ^ signature[index]!));
      if (!timingSafeEqual(sha256(clientKey), verifier.storedKey)) return { ok: false };
      return { ok: true, serverFinal: `v=${hmac(verifier.serverKey, authMessage).toString("base64")}` };
    },
  };
}
