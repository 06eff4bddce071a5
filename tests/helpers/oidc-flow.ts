import NextAuth, { type NextAuthOptions } from "next-auth";

/** A browser's cookies, as a jar: what Set-Cookie headers left, sent back as one Cookie header. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  record(): Record<string, string> {
    return Object.fromEntries([...this.cookies].map(([name, value]) => [name, decodeURIComponent(value)]));
  }
}

/**
 * One request to next-auth's handler (`/api/auth/{action}/{providerId}`), through its request/response form: the same
 * code as the app's route, without Next's request scope. Returns the status, the redirect and the body.
 */
export async function callNextAuth(
  options: NextAuthOptions,
  jar: CookieJar,
  request: {
    method: "GET" | "POST";
    action: string;
    providerId?: string;
    query?: Record<string, string>;
    body?: Record<string, string>;
  },
): Promise<{ status: number; location: string | null; body: unknown }> {
  const headers = new Map<string, string | string[]>();
  const captured = { status: 200, body: undefined as unknown };
  const res = {
    status(code: number) {
      captured.status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end() {},
    send(body: unknown) {
      captured.body = body;
    },
    json(body: unknown) {
      captured.body = body;
    },
  };
  const req = {
    method: request.method,
    query: { nextauth: [request.action, ...(request.providerId ? [request.providerId] : [])], ...request.query },
    body: request.body ?? {},
    cookies: jar.record(),
    headers: { host: "localhost:3000", "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
  };
  // next-auth types this overload for Next's pages-router objects; it reads and writes only what is above.
  await NextAuth(req as never, res as never, options);
  const setCookies = headers.get("set-cookie");
  jar.take(Array.isArray(setCookies) ? setCookies : setCookies ? [setCookies] : []);
  const location = headers.get("location");
  return { status: captured.status, location: typeof location === "string" ? location : null, body: captured.body };
}

/**
 * The person at the provider: follows the authorization URL, fills the provider's own login page with `login` (any
 * password), and returns where the provider sends the browser back (the app's callback, with its code and state).
 */
export async function signInAtProvider(authorizeUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  const origin = new URL(authorizeUrl).origin;
  let url = authorizeUrl;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    });
    jar.take(response.headers.getSetCookie());
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next.href;
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    method = "POST";
    body = new URLSearchParams(
      html.includes('name="login"') ? { prompt: "login", login, password: "any password" } : { prompt: "consent" },
    ).toString();
  }
  throw new Error("too many hops at the provider");
}
