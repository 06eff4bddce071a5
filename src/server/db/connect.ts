import net from "node:net";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { schema, type Database, type DatabaseHandle } from "./database";
import { acquirePgliteLock } from "./pglite-lock";
import { migratePgliteInstance } from "./migrate";
import { allowNamedStatements } from "./prepared-statement";
import { readEmbeddedPassword } from "./embedded-password";

export interface ConnectOptions {
  url: string | undefined;
  poolSize: number;
  pgliteDir: string;
  pglitePort: number;
  /** Names the connections (application_name): the embedded server caps "csa-worker…" while the app is served. */
  applicationName?: string;
}

/** node-postgres pool on a real PostgreSQL (or on the PGlite socket server, which speaks the same protocol). */
export function connectPostgres(
  connectionString: string,
  poolSize: number,
  kind: "postgres" | "pglite-server" = "postgres",
  applicationName?: string,
): DatabaseHandle {
  // A database that does not answer fails a request in 5 s (answered 503) instead of holding it forever.
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    ...(applicationName ? { application_name: applicationName } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  if (kind === "postgres") allowNamedStatements(pool);
  return { db: drizzlePg(pool, { schema }) as unknown as Database, kind, close: () => pool.end() };
}

/** Opens a PGlite data directory in this process, behind the directory lock, and migrates it. */
export async function openPgliteDirectory(dataDir: string): Promise<{ handle: DatabaseHandle; instance: PGlite }> {
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const release = await acquirePgliteLock(dataDir);
  try {
    const instance = await PGlite.create({ dataDir });
    await migratePgliteInstance(instance);
    const handle: DatabaseHandle = {
      db: drizzlePglite(instance, { schema }) as unknown as Database,
      kind: "pglite",
      close: async () => {
        await instance.close();
        release();
      },
    };
    return { handle, instance };
  } catch (error) {
    release();
    throw error;
  }
}

/** The embedded server's URL with the password kept beside `dataDir` (node-postgres lets a URL's fields win over options). */
export function embeddedServerUrl(port: number, dataDir: string): string {
  const password = readEmbeddedPassword(dataDir);
  return `postgres://postgres${password ? `:${encodeURIComponent(password)}` : ""}@127.0.0.1:${port}/postgres`;
}

export function isPortServing(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (serving: boolean) => {
      socket.destroy();
      resolve(serving);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * DATABASE_URL set: PostgreSQL. Otherwise the embedded database: through the process that serves
 * ./data/pglite when one runs, else opened here directly (only one process may hold the directory).
 */
export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.url) return connectPostgres(options.url, options.poolSize, "postgres", options.applicationName);
  if (await isPortServing(options.pglitePort)) {
    return connectPostgres(
      embeddedServerUrl(options.pglitePort, options.pgliteDir),
      Math.min(options.poolSize, 4),
      "pglite-server",
      options.applicationName,
    );
  }
  return (await openPgliteDirectory(options.pgliteDir)).handle;
}
