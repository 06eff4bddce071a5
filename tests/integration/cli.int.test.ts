import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { beforeAll, describe, expect, it } from "vitest";

// The command-line tools as an operator runs them: a separate process on an embedded database directory.
const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "cli-")), "pglite");
// A port nothing listens on, so each tool opens the directory itself (behind its lock) rather than a server.
let closedPort = "";
beforeAll(async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closedPort = String((server.address() as net.AddressInfo).port);
  await new Promise((resolve) => server.close(resolve));
});

function run(script: string, args: string[], stdin = ""): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn("node_modules/.bin/tsx", [script, ...args], {
      env: { ...env, PGLITE_DIR: dataDir, PGLITE_PORT: closedPort },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(stdin);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

describe("npm run user:create", { timeout: 90_000 }, () => {
  it("creates an account with the password read from standard input, then refuses the same e-mail", async () => {
    const created = await run(
      "scripts/user-create.ts",
      ["--email", "Agent@Example.com", "--name", "Agent", "--role", "support"],
      "s3cure-password\n",
    );
    expect(created.output).toMatch(/Created support agent@example\.com/);
    expect(created.code).toBe(0);
    const again = await run(
      "scripts/user-create.ts",
      ["--email", "agent@example.com", "--name", "Agent", "--role", "support"],
      "s3cure-password\n",
    );
    expect(again.code).toBe(1);
    expect(again.output).toContain("Un compte existe déjà pour agent@example.com");
  });

  it("creates an account without a password with --invite, and queues its invitation e-mail", async () => {
    const invited = await run("scripts/user-create.ts", [
      "--email",
      "Invitee@Example.com",
      "--name",
      "Invitée",
      "--role",
      "support",
      "--invite",
    ]);
    expect(invited.output).toMatch(
      /Created support invitee@example\.com \(\w+\) without a password; invitation queued, valid until \d{4}-/,
    );
    expect(invited.code).toBe(0);
    const again = await run("scripts/user-create.ts", [
      "--email",
      "invitee@example.com",
      "--name",
      "Invitée",
      "--role",
      "support",
      "--invite",
    ]);
    expect(again).toMatchObject({ code: 1, output: expect.stringContaining("Un compte existe déjà") });
  });

  it("refuses a weak password, an unknown role and a password given on the command line", async () => {
    const weak = await run(
      "scripts/user-create.ts",
      ["--email", "w@example.com", "--name", "W", "--role", "support"],
      "short\n",
    );
    expect(weak).toMatchObject({ code: 1, output: expect.stringContaining("au moins 8 caractères") });
    const role = await run(
      "scripts/user-create.ts",
      ["--email", "r@example.com", "--name", "R", "--role", "root"],
      "s3cure-password\n",
    );
    expect(role).toMatchObject({ code: 1, output: expect.stringContaining("Rôle inconnu") });
    const argv = await run("scripts/user-create.ts", [
      "--email",
      "p@example.com",
      "--name",
      "P",
      "--role",
      "host",
      "--password",
      "s3cure-password",
    ]);
    expect(argv).toMatchObject({ code: 2, output: expect.stringContaining("never accepted on the command line") });
  });
});

describe("npm run user:disable", { timeout: 90_000 }, () => {
  it("disables an account once, says so the second time, and refuses an unknown e-mail", async () => {
    expect(
      (
        await run(
          "scripts/user-create.ts",
          ["--email", "leaver@example.com", "--name", "Leaver", "--role", "support"],
          "s3cure-password\n",
        )
      ).code,
    ).toBe(0);
    const first = await run("scripts/user-disable.ts", ["--email", "Leaver@example.com"]);
    expect(first).toMatchObject({ code: 0, output: expect.stringContaining("Disabled leaver@example.com") });
    const again = await run("scripts/user-disable.ts", ["--email", "leaver@example.com"]);
    expect(again).toMatchObject({ code: 0, output: expect.stringContaining("already disabled") });
    expect(await run("scripts/user-disable.ts", ["--email", "nobody@example.com"])).toMatchObject({
      code: 1,
      output: expect.stringContaining("introuvable"),
    });
    expect((await run("scripts/user-disable.ts", [])).code).toBe(2);
  });
});

describe("npm run db:seed", { timeout: 90_000 }, () => {
  it("loads the demo accounts once and changes nothing the second time", async () => {
    const first = await run("scripts/db-seed.ts", []);
    expect(first.code).toBe(0);
    expect(first.output).toContain("Demo data: 6 users, 24 listings, 29 feeds created.");
    expect(first.output).toContain("support@example.com");
    const second = await run("scripts/db-seed.ts", []);
    expect(second.output).toContain("Demo data: 0 users, 0 listings, 0 feeds created.");
  });

  it("refuses a PostgreSQL database unless asked with --force", async () => {
    const refused = await new Promise<{ code: number; output: string }>((resolve) => {
      const child = spawn("node_modules/.bin/tsx", ["scripts/db-seed.ts"], {
        env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
      });
      let output = "";
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => resolve({ code: code ?? 1, output }));
    });
    expect(refused).toMatchObject({ code: 2, output: expect.stringContaining("--force") });
  });
});

describe("npm run db:copy-to", { timeout: 90_000 }, () => {
  it("refuses a target URL on the command line, where ps would show its password, and asks for one on standard input", async () => {
    const argv = await run("scripts/db-copy-to.ts", ["postgres://user:s3cret@127.0.0.1:5432/empty"]);
    expect(argv).toMatchObject({ code: 2, output: expect.stringContaining("never accepted on the command line") });
    expect(argv.output).not.toContain("s3cret");
    const none = await run("scripts/db-copy-to.ts", [], "not a url\n");
    expect(none).toMatchObject({ code: 1, output: expect.stringContaining("TARGET_DATABASE_URL") });
  });
});

describe("npm run api-key:create", { timeout: 90_000 }, () => {
  it("prints the key once on standard output, and refuses unknown scopes", async () => {
    const created = await run("scripts/api-key-create.ts", [
      "--name",
      "Plateforme",
      "--scopes",
      "listings:write,alerts:read",
    ]);
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/Created API key « Plateforme » \(listings:write, alerts:read\)/);
    expect(created.output).toMatch(/^csa_[0-9A-Za-z]{43}$/m);
    const unknown = await run("scripts/api-key-create.ts", ["--name", "X", "--scopes", "root"]);
    expect(unknown.code).toBe(1);
    expect((await run("scripts/api-key-create.ts", [])).code).toBe(2);
  });
});

describe("npm run listings:import", { timeout: 90_000 }, () => {
  it("prints progress, each refused line with its number, a summary; a second run reports every listing « inchangée »", async () => {
    const { writeFileSync } = await import("node:fs");
    const file = path.join(path.dirname(dataDir), "listings.csv");
    writeFileSync(
      file,
      [
        "externalId;title;city;timeZone;hostExternalId;hostEmail;hostName",
        "CSV-1;Loft;Lyon;Europe/Paris;CSV-H;ines@csv.example;Inès Garnier",
        "CSV-2;Gîte;Beaune;Nowhere;CSV-H;ines@csv.example;Inès Garnier",
      ].join("\n"),
    );
    const first = await run("scripts/listings-import.ts", [file]);
    expect(first.output).toContain("refusée  CSV-2 — ligne 3 : Fuseau horaire inconnu");
    expect(first.output).toContain("2/2 annonces traitées");
    expect(first.output).toMatch(
      /2 annonces en [\d.]+ s — 1 créée\(s\), 0 modifiée\(s\), 0 inchangée\(s\), 1 refusée\(s\), 0 calendrier\(s\) ajouté\(s\)\./,
    );
    expect(first.code).toBe(1);
    writeFileSync(
      file,
      [
        "externalId;title;city;timeZone;hostExternalId;hostEmail;hostName",
        "CSV-1;Loft;Lyon;Europe/Paris;CSV-H;ines@csv.example;Inès Garnier",
      ].join("\n"),
    );
    const second = await run("scripts/listings-import.ts", [file]);
    expect(second).toMatchObject({
      code: 0,
      output: expect.stringContaining("0 créée(s), 0 modifiée(s), 1 inchangée(s), 0 refusée(s)"),
    });
    expect((await run("scripts/listings-import.ts", [])).code).toBe(2);
  });
});
