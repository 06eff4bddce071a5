import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { openEmbeddedDatabaseServer, type EmbeddedDatabaseServer } from "@/server/db/pglite-server";
import { embeddedPasswordFile, readEmbeddedPassword } from "@/server/db/embedded-password";
import { connectDatabase } from "@/server/db/connect";
import { queryRows } from "@/server/db/query-rows";
import { sql } from "drizzle-orm";
import { freePort } from "../../scripts/free-port";

const run = promisify(execFile);
let dir: string;
let dataDir: string;
let port: number;
let server: EmbeddedDatabaseServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "csa-password-"));
  dataDir = path.join(dir, "pglite");
  port = await freePort();
  const opened = await openEmbeddedDatabaseServer({ dataDir, port });
  await opened.start();
  server = opened;
}, 120_000);
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** psql as any local user would run it; -w: never prompt, fail instead. */
function psql(password: string | undefined) {
  const env = { PATH: process.env.PATH, HOME: dir, PGCONNECT_TIMEOUT: "5" } as unknown as NodeJS.ProcessEnv;
  if (password !== undefined) env.PGPASSWORD = password;
  return run(
    "psql",
    ["-w", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-tAc", "select 6 * 7"],
    { env },
  );
}

describe("the embedded database server", () => {
  it("keeps a random password beside its directory, readable by its owner only, and never in the URL it prints", () => {
    const password = readEmbeddedPassword(dataDir)!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(embeddedPasswordFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(server.url).not.toContain(password);
  });

  it("lets psql in with the password (SCRAM-SHA-256), and refuses a wrong or missing one", async () => {
    expect((await psql(readEmbeddedPassword(dataDir))).stdout.trim()).toBe("42");
    await expect(psql("not-the-password")).rejects.toMatchObject({
      stderr: expect.stringMatching(/password authentication failed/),
    });
    await expect(psql(undefined)).rejects.toMatchObject({ stderr: expect.stringMatching(/password|authentication/) });
  });

  it("refuses node-postgres without the password, and lets the app's connection in with it", async () => {
    const stranger = new pg.Client({
      host: "127.0.0.1",
      port,
      user: "postgres",
      database: "postgres",
      password: "guess",
    });
    await expect(stranger.connect()).rejects.toThrow(/password authentication failed/);
    await stranger.end().catch(() => undefined);
    const handle = await connectDatabase({ url: undefined, poolSize: 2, pgliteDir: dataDir, pglitePort: port });
    try {
      expect(await queryRows<{ answer: number }>(handle.db, sql`select 6 * 7 as answer`)).toEqual([{ answer: 42 }]);
    } finally {
      await handle.close();
    }
  });
});
