import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { migratePgliteInstance } from "@/server/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data directory, as a tarball each test file's database starts from. */
    pgliteTemplate: string | null;
  }
}

// Every test file gets its own in-memory PGlite. Creating one runs initdb, and migrating it runs every migration:
// done once here, and each file's database loads the result (loadDataDir) instead.
export default async function setup(project: TestProject) {
  if (process.env.TEST_DB === "pg") {
    project.provide("pgliteTemplate", null);
    return;
  }
  const instance = await PGlite.create();
  await migratePgliteInstance(instance);
  const dump = await instance.dumpDataDir("none");
  await instance.close();
  const directory = mkdtempSync(path.join(tmpdir(), "csa-pglite-template-"));
  const file = path.join(directory, "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => rmSync(directory, { recursive: true, force: true });
}
