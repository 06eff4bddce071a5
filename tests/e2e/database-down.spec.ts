import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { freePort } from "../../scripts/free-port";
import { launchBrowser } from "./browser";

// The production server (npm start) on a database that does not answer: a PostgreSQL URL on a port nothing listens on.
const SECRET = "database-down-secret-not-for-production";
let app: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  const [port, deadPort] = await Promise.all([freePort(), freePort()]);
  baseUrl = `http://127.0.0.1:${port}`;
  app = spawn("node_modules/.bin/tsx", ["scripts/start.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: `postgres://postgres@127.0.0.1:${deadPort}/nothing`,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: baseUrl,
      APP_ENCRYPTION_KEY: "ZTJlLWtleS0zMi1ieXRlcy1sb25nLWZvci10ZXN0cyE=",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${baseUrl}/login`).then(
      (answer) => answer.ok,
      () => false,
    ))
  ) {
    if (app.exitCode !== null || Date.now() > deadline) throw new Error("npm start did not answer /login");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

afterAll(async () => {
  app.kill("SIGTERM");
  await new Promise((resolve) => (app.exitCode !== null ? resolve(null) : app.once("exit", resolve)));
});

describe("a page while the database does not answer", () => {
  it("answers 503 with Retry-After and the French page, as the API does", async () => {
    const token = await encode({
      secret: SECRET,
      token: { id: "u1", role: "support", email: "s@example.com", name: "S", sub: "u1", sid: "s1" },
    });
    const cookie = `next-auth.session-token=${token}`;
    const page = await fetch(`${baseUrl}/admin`, { headers: { cookie } });
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("10");
    // The error page renders in the browser (React streams a failed shell as an error document it then fills).
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ locale: "fr-FR" });
      await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl }]);
      const tab = await context.newPage();
      const response = await tab.goto(`${baseUrl}/admin`);
      expect(response!.status()).toBe(503);
      await tab.getByRole("heading", { name: "Service momentanément indisponible" }).waitFor();
      expect(await tab.getByRole("button", { name: "Réessayer" }).isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
    const api = await fetch(`${baseUrl}/api/admin/alerts/calendar-sync`, { headers: { cookie } });
    expect(api.status).toBe(503);
    // A client cannot mark its own request: the tag is the server's.
    const forged = await fetch(`${baseUrl}/login`, { headers: { "x-csa-request-tag": "forged" } });
    expect(forged.status).toBe(200);
  });
});
