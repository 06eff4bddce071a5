import { getConfig } from "../config";
import type { Database, DatabaseHandle } from "./database";
import { connectDatabase } from "./connect";

// Kept on globalThis so Next.js hot reloads in development reuse one pool instead of leaking them.
const globalStore = globalThis as unknown as { __calendarSyncDb?: Promise<DatabaseHandle> };

/** The process-wide database, opened on first use from the configuration. */
export async function getDb(): Promise<Database> {
  globalStore.__calendarSyncDb ??= connectDatabase(getConfig().database).catch((error: unknown) => {
    globalStore.__calendarSyncDb = undefined;
    throw error;
  });
  return (await globalStore.__calendarSyncDb).db;
}

/** Installs an already opened database as the process-wide one (scripts and tests that open their own). */
export function installDatabase(handle: DatabaseHandle): void {
  globalStore.__calendarSyncDb = Promise.resolve(handle);
}

export async function closeDb(): Promise<void> {
  const pending = globalStore.__calendarSyncDb;
  globalStore.__calendarSyncDb = undefined;
  if (pending) await (await pending).close();
}
