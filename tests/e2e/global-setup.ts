import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/free-port";

const E2E_ENV = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "e2e-secret-not-for-production",
  APP_ENCRYPTION_KEY: "ZTJlLWtleS0zMi1ieXRlcy1sb25nLWZvci10ZXN0cyE=",
  // 127.0.0.20: the notification channels spec's webhook receiver.
  CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.1,127.0.0.2,127.0.0.20",
  // As under npm run dev: the demo's outage provider serves three hosts.
  PROVIDER_INCIDENT_MIN_OWNERS: "3",
  PROVIDER_INCIDENT_MAX_FEEDS_PER_OWNER: "4",
  LOG_LEVEL: "warn",
} as const;

export const HOSTILE_PASSWORD = "hostile-pass-2026";

/** The people the local provider knows (login name → claims): the company sign-in spec signs in as them. */
export const E2E_OIDC_IDENTITIES = {
  "camille.sso": { email: "camille.sso@entreprise.example", email_verified: true, name: "Camille Sso" },
  "non.verifie": { email: "non.verifie@entreprise.example", email_verified: false, name: "Non Vérifié" },
};

/** An integration key as it is shown once: never in a log line or a row. */
const API_KEY_IN_CLEAR = /csa_[0-9A-Za-z]{43}/;
/** An export link's token (the host's page shows it; no log line may). */
const EXPORT_TOKEN_IN_CLEAR = /\/ical\/[A-Za-z0-9_-]{43}/;

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    feedsUrl: string;
    /** The embedded database as the app reaches it: a spec drains the outbox to its own SMTP server. */
    databaseUrl: string;
  }
}

/**
 * A fresh embedded database served to the app like `npm run dev` does, the demo feeds, a few real syncs to
 * put alerts in it, and the production build started with `next start`.
 */
export default async function setup(project: TestProject) {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "e2e-")), "pglite");
  const [dbPort, appPort] = await Promise.all([freePort(), freePort()]);
  Object.assign(process.env, E2E_ENV, {
    PGLITE_DIR: dataDir,
    PGLITE_PORT: String(dbPort),
    NEXTAUTH_URL: `http://127.0.0.1:${appPort}`,
  });

  // Imported after the environment is set: the configuration is read once.
  const { openEmbeddedDatabaseServer } = await import("../../src/server/db/pglite-server");
  const { seedDemoData } = await import("../../src/demo/seed-demo-data");
  const { startDemoFeedServer } = await import("../../src/demo/demo-feed-server");
  const { syncFeed } = await import("../../src/server/services/calendar/calendar.service");
  const { makeTestFetcher } = await import("../helpers/fetcher");

  const feeds = await startDemoFeedServer({ slowMs: 60_000 });
  const outageProvider = await startDemoFeedServer({ host: "127.0.0.2" });
  const database = await openEmbeddedDatabaseServer({ dataDir, port: dbPort });
  const { systemContext } = await import("../../src/server/service-context");
  const system = systemContext(database.handle.db, "cli");
  await seedDemoData(system, { feedsBaseUrl: feeds.baseUrl, outageFeedsBaseUrl: outageProvider.baseUrl });
  // Two careless or hostile hosts of their own (hostile-host.spec.ts), with empty listings: their limits touch no other test.
  const { createUser } = await import("../../src/server/services/users/create-user");
  const { listings } = await import("../../src/server/db/schema");
  for (const name of ["hostile", "careless"]) {
    const host = await createUser(system, {
      email: `${name}@example.com`,
      name: `Hôte ${name}`,
      role: "host",
      password: HOSTILE_PASSWORD,
    });
    await database.handle.db.insert(listings).values(
      [1, 2].map((n) => ({
        id: `${name}-listing-${n}`,
        title: `Annonce ${name} ${n}`,
        city: "Lille",
        ownerId: host.id,
      })),
    );
  }
  const fetcher = makeTestFetcher({ allowHosts: ["127.0.0.1", "127.0.0.2"] });
  const sync = (feedId: string) => syncFeed(system, { feedId, fetcher });
  // Listing 02 (404): escalated after three failures. Listing 05 worked, then broke: an active alert with stays at risk.
  for (let i = 0; i < 3; i++) await sync("demo-listing-02-feed-1");
  await sync("demo-listing-05-feed-1");
  feeds.override("demo-listing-05", "forbidden");
  await sync("demo-listing-05-feed-1");
  // Listing 04 (403) fails once, then "the host fixes the link": the browser test's manual sync heals it.
  await sync("demo-listing-04-feed-1");
  feeds.override("demo-listing-04", "airbnb");
  // Listing 09 had stays, then its feed came back empty: a warning, stays kept.
  await sync("demo-listing-09-feed-1");
  feeds.override("demo-listing-09", "empty");
  await sync("demo-listing-09-feed-1");
  // Listing 08 (host2) imports a web page instead of its export: two failures, so its host was sent the notice.
  for (let i = 0; i < 2; i++) await sync("demo-listing-08-feed-1");
  // Listing 10 (a redirect loop) fails once: the alert the support-workflow test takes, annotates and snoozes.
  await sync("demo-listing-10-feed-1");
  // Listings 03 (a 500 on its second feed), 11 and 12 (links gone) fail once: the three alerts it resolves in bulk.
  await sync("demo-listing-03-feed-2");
  feeds.override("demo-listing-11", "not-found");
  await sync("demo-listing-11-feed-1");
  feeds.override("demo-listing-12", "not-found");
  await sync("demo-listing-12-feed-1");
  // The two double bookings of next week: each listing's two platforms read against each other.
  for (const listing of ["demo-listing-23", "demo-listing-24"])
    for (const feed of [1, 2, 1]) await sync(`${listing}-feed-${feed}`);
  // The second provider goes down: its ten feeds fail together and a provider incident opens.
  outageProvider.setOutage(true);
  for (let i = 13; i <= 22; i++) await sync(`demo-listing-${i}-feed-1`);
  await fetcher.close();
  await database.start();

  // The company's provider (company-sign-in.spec.ts): a real oidc-provider on 127.0.0.3, with its own login page.
  const { startOidcProvider } = await import("../helpers/oidc-provider");
  const oidc = await startOidcProvider({
    redirectUris: [`http://127.0.0.1:${appPort}/api/auth/callback/oidc`],
  });
  for (const [sub, identity] of Object.entries(E2E_OIDC_IDENTITIES)) oidc.identities.set(sub, identity);

  const app = spawn(
    "node_modules/.bin/tsx",
    ["scripts/start.ts", "--port", String(appPort), "--hostname", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NEXTAUTH_URL: `http://127.0.0.1:${appPort}`,
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
        OIDC_ALLOWED_DOMAINS: "entreprise.example",
        OIDC_NAME: "Entreprise SSO",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // The app's log, shown as it comes and kept: the run ends by searching it for any API key in clear.
  let appLog = "";
  app.stdout!.on("data", (chunk: Buffer) => {
    appLog += chunk.toString();
    process.stdout.write(chunk);
  });
  app.stderr!.on("data", (chunk: Buffer) => {
    appLog += chunk.toString();
    process.stderr.write(chunk);
  });
  const baseUrl = `http://127.0.0.1:${appPort}`;
  await waitForHttp(`${baseUrl}/login`, app, 60_000);
  project.provide("baseUrl", baseUrl);
  project.provide("feedsUrl", feeds.baseUrl);
  const { embeddedServerUrl } = await import("../../src/server/db/connect");
  project.provide("databaseUrl", embeddedServerUrl(dbPort, dataDir));

  return async () => {
    app.kill("SIGTERM");
    await new Promise((resolve) => app.once("exit", resolve));
    // The specs made and used keys (through the page, the API, a query string): none may be in the log or any table.
    const leaks: string[] = [];
    if (API_KEY_IN_CLEAR.test(appLog)) leaks.push("the app's log");
    if (EXPORT_TOKEN_IN_CLEAR.test(appLog)) leaks.push("the app's log (an export link)");
    const { sql } = await import("drizzle-orm");
    const tables = (await database.handle.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    )) as unknown as { rows: Array<{ name: string }> };
    for (const { name } of tables.rows) {
      const found = (await database.handle.db.execute(
        sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text ~ ${API_KEY_IN_CLEAR.source}`,
      )) as unknown as { rows: Array<{ n: number }> };
      if (Number(found.rows[0]!.n) > 0) leaks.push(`table ${name}`);
    }
    await database.stop();
    await feeds.close();
    await outageProvider.close();
    await oidc.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
    if (leaks.length > 0) throw new Error(`An API key appeared in clear in ${leaks.join(", ")}.`);
  };
}
