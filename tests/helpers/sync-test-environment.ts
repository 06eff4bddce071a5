import { afterAll, beforeAll } from "vitest";
import { startDemoFeedServer, type DemoFeedServer } from "@/demo/demo-feed-server";
import type { FeedFetcher, FetcherOptions } from "@/server/services/calendar/fetch/feed-fetcher";
import type { Database } from "@/server/db/database";
import type { ServiceContext } from "@/server/service-context";
import type { Actor } from "@/server/actor";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { makeTestFetcher } from "./fetcher";

export interface SyncTestEnvironment {
  /** The file's own database (PGlite, or PostgreSQL under TEST_DB=pg). */
  readonly db: Database;
  /** The worker's context on it: the system acts. */
  readonly ctx: ServiceContext;
  /** A context on it acting as `actor`. */
  as(actor: Actor): ServiceContext;
  /** The demo feed server on 127.0.0.1. */
  readonly feeds: DemoFeedServer;
  readonly fetcher: FeedFetcher;
}

/** A test file's database, demo feed server and fetcher: made before its tests, closed after. */
export function setUpSyncTestEnvironment(fetcherOptions: Partial<FetcherOptions> = {}): SyncTestEnvironment {
  let testDb: TestDatabase | undefined;
  let feeds: DemoFeedServer | undefined;
  const fetcher = makeTestFetcher(fetcherOptions);
  beforeAll(async () => {
    testDb = await createTestDatabase();
    feeds = await startDemoFeedServer();
  });
  afterAll(async () => {
    await fetcher.close();
    await feeds?.close();
    await testDb?.close();
  });
  return {
    get db() {
      return testDb!.db;
    },
    get ctx() {
      return testDb!.ctx;
    },
    as: (actor) => testDb!.as(actor),
    get feeds() {
      return feeds!;
    },
    fetcher,
  };
}
