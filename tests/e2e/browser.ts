import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { Agent, request } from "undici";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function signIn(page: Page, baseUrl: string, email: string, password = "demo1234"): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  // By the fields' ids: the page speaks the browser's language, French or English.
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator('form button[type="submit"]').click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const directory = path.resolve("test-results");
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: path.join(directory, `${name}.png`), fullPage: true });
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** One Chromium for the spec file, a fresh context and page for each test (French, Paris time by default). */
export function openBrowserSession(options: BrowserContextOptions = {}, onPage?: (page: Page) => void): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    session.browser = await launchBrowser();
  });
  afterAll(() => session.browser?.close());
  beforeEach(async () => {
    session.context = await session.browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris", ...options });
    session.page = await session.context.newPage();
    onPage?.(session.page);
  });
  afterEach(() => session.context.close());
  return session;
}

/**
 * Sign-in attempts over HTTP from a loopback address of their own (so a lockout touches no other test), as the form
 * posts them: returns what next-auth answers (the error page's address, carrying the message), decoded.
 */
export async function signInAttemptsFrom(baseUrl: string, localAddress: string) {
  const agent = new Agent({ localAddress });
  const csrf = await request(`${baseUrl}/api/auth/csrf`, { dispatcher: agent });
  const { csrfToken } = (await csrf.body.json()) as { csrfToken: string };
  const cookie = ([] as string[])
    .concat(csrf.headers["set-cookie"] ?? [])
    .map((line) => line.split(";")[0])
    .join("; ");
  return {
    async attempt(email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
      const response = await request(`${baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        dispatcher: agent,
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
        body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
      });
      // next-auth answers a json=true sign-in with { url }, the error page's address carrying the message.
      return decodeURIComponent(((await response.body.json()) as { url: string }).url);
    },
    close: () => agent.close(),
  };
}

/** Moves the keyboard focus to the element and presses a key: a spec drives the page as a keyboard user does. */
export async function press(page: Page, locator: Locator, key = "Enter"): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

/** Moves the keyboard focus to the field and types into it. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.type(text);
}
