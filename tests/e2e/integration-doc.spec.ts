import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectPostgres } from "@/server/db/connect";
import { systemContext } from "@/server/service-context";
import { createApiKey, API_KEY_SCOPES } from "@/server/services/api-keys/api-keys.service";

// docs/integration.md's examples, run in order against the app as a platform would: curl and jq in bash, fetch in JS.
const baseUrl = inject("baseUrl");
const blocks = [...readFileSync("docs/integration.md", "utf8").matchAll(/```(bash|js)\n([\s\S]*?)```/g)].map(
  ([, language, code]) => ({ language: language as "bash" | "js", code: code! }),
);
let key = "";
let database: ReturnType<typeof connectPostgres>;
beforeAll(async () => {
  database = connectPostgres(inject("databaseUrl"), 1, "pglite-server");
  key = (await createApiKey(systemContext(database.db, "cli"), { name: "Documentation", scopes: [...API_KEY_SCOPES] }))
    .key;
});
afterAll(() => database.close());

const runBash = (code: string) =>
  new Promise<{ code: number; output: string }>((resolve) =>
    execFile(
      "bash",
      ["-euo", "pipefail", "-c", code],
      {
        env: {
          ...process.env,
          APP_URL: baseUrl,
          KEY: key,
          FEED_URL: `${inject("feedsUrl")}/airbnb/doc-101.ics?t=doc-token`,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    ),
  );

describe("docs/integration.md", () => {
  it("has curl and fetch examples", () => {
    expect(blocks.filter((block) => block.language === "bash").length).toBeGreaterThanOrEqual(5);
    expect(blocks.filter((block) => block.language === "js").length).toBeGreaterThanOrEqual(2);
  });

  it("runs every example, in order, against the app", async () => {
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    for (const [index, block] of blocks.entries()) {
      if (block.language === "bash") {
        const result = await runBash(block.code);
        expect(result, `example ${index + 1} (bash):\n${block.code}`).toMatchObject({ code: 0 });
      } else {
        await expect(
          new AsyncFunction("APP_URL", "KEY", block.code)(baseUrl, key),
          `example ${index + 1} (js)`,
        ).resolves.toBeUndefined();
      }
    }
  });
});
