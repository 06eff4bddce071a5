import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Beside the embedded data directory (./data/pglite.password): what the app and the worker present to db:serve. */
export function embeddedPasswordFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.password`;
}

/** The embedded server's password, or undefined when it never started (then nothing is served to connect to). */
export function readEmbeddedPassword(dataDir: string): string | undefined {
  try {
    return readFileSync(embeddedPasswordFile(dataDir), "utf8").trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Generated on the first start (32 random bytes), readable by its owner only; kept across starts. */
export function ensureEmbeddedPassword(dataDir: string): string {
  const file = embeddedPasswordFile(dataDir);
  const existing = readEmbeddedPassword(dataDir);
  if (existing) {
    chmodSync(file, 0o600);
    return existing;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const password = randomBytes(32).toString("base64url");
  // "wx": of two processes starting at once, one writes; the other fails here rather than overwrite it.
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  return password;
}
