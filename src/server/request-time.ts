import { connection } from "next/server";

/**
 * The time a dynamic server page is rendered at. A server component renders once per request, so
 * reading the clock is safe there; waiting on connection() keeps the page out of prerendering.
 */
export async function requestTime(): Promise<number> {
  await connection();
  return Date.now();
}
