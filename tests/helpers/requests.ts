import { encode } from "next-auth/jwt";
import { openUserSession } from "@/server/services/users/user-sessions";
import type { User } from "@/server/db/schema";
import { contextFor } from "@/server/service-context";
import { ANONYMOUS } from "@/server/actor";

const BASE_URL = "http://localhost:3000";

/** The cookie a browser holds after signing in: a session row in the installed database, and its JWT signed with the app's secret. */
export async function sessionCookieFor(user: Pick<User, "id" | "email" | "name" | "role">): Promise<string> {
  const sid = await openUserSession(await contextFor(ANONYMOUS), {
    userId: user.id,
    expiresAt: new Date(Date.now() + 12 * 3_600_000),
  });
  const token = await encode({
    secret: process.env.NEXTAUTH_SECRET!,
    token: { id: user.id, role: user.role, email: user.email, name: user.name, sub: user.id, sid },
  });
  return `next-auth.session-token=${token}`;
}

export interface RequestOptions {
  method?: string;
  cookie?: string;
  body?: unknown;
  origin?: string;
  headers?: Record<string, string>;
}

export function apiRequest(path: string, options: RequestOptions = {}): Request {
  const headers = new Headers({ host: "localhost:3000" });
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.origin) headers.set("origin", options.origin);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return new Request(`${BASE_URL}${path}`, {
    method: options.method ?? "GET",
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
  });
}

export function routeContext<P extends Record<string, string>>(params: P) {
  return { params: Promise.resolve(params) };
}

// Tests walk response bodies freely; the API shape itself is asserted by the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await response.json() };
}
