import type { DatabaseHandle } from "./database";
import { isPortServing, openPgliteDirectory } from "./connect";
import { servePgliteOverTcp, type PgliteWireServer } from "./pglite-wire-server";
import { ensureEmbeddedPassword } from "./embedded-password";

export interface EmbeddedDatabaseServer {
  /** This process's own handle; use it only before serving starts or for work that needs no isolation from clients. */
  handle: DatabaseHandle;
  /** Where it is served, without the password (printed). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Owns ./data/pglite and serves it over the PostgreSQL protocol on 127.0.0.1, so the app, the worker
 * and the command-line tools all connect with node-postgres as they would to a real server; each presents the password
 * kept beside the directory (SCRAM-SHA-256), so no other local user or process gets in.
 */
export async function openEmbeddedDatabaseServer(options: {
  dataDir: string;
  port: number;
  workerShare?: number;
}): Promise<EmbeddedDatabaseServer & { start(): Promise<void> }> {
  if (await isPortServing(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use: is another \`npm run dev\` or \`npm run db:serve\` running? (PGLITE_PORT changes it)`,
    );
  }
  const { handle, instance } = await openPgliteDirectory(options.dataDir);
  const password = ensureEmbeddedPassword(options.dataDir);
  let server: PgliteWireServer | undefined;
  return {
    handle,
    url: `postgres://postgres@127.0.0.1:${options.port}/postgres`,
    async start() {
      server = await servePgliteOverTcp(instance, {
        host: "127.0.0.1",
        port: options.port,
        backgroundShare: options.workerShare,
        password,
      });
    },
    async stop() {
      await server?.close().catch(() => undefined);
      await handle.close();
    },
  };
}
