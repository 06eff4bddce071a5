import http from "node:http";
import type { AddressInfo } from "node:net";

export interface IcsServer {
  baseUrl: string;
  /** Serves `body` at `path` from now on (a platform's export changing). */
  set(path: string, body: string): void;
  close(): Promise<void>;
}

/** A real HTTP server on a loopback address serving the calendars a test writes. */
export async function startIcsServer(host = "127.0.0.1"): Promise<IcsServer> {
  const bodies = new Map<string, string>();
  const server = http.createServer((request, response) => {
    const body = bodies.get(new URL(request.url ?? "/", "http://x").pathname);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/calendar; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${port}`,
    set: (path, body) => bodies.set(path, body),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const ymd = (isoDate: string) => isoDate.replace(/-/g, "");

export type Stay = { uid: string; from: string; to: string; summary: string; description?: string; zoned?: boolean };

/** A calendar in a platform's style: PRODID and its stays (dates YYYY-MM-DD; zoned: Vrbo's 16:00 → 10:00 Paris times). */
export function calendarOf(prodid: string, stays: Stay[]): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${prodid}`];
  for (const stay of stays) {
    lines.push("BEGIN:VEVENT", `UID:${stay.uid}`);
    if (stay.zoned)
      lines.push(
        `DTSTART;TZID=Europe/Paris:${ymd(stay.from)}T160000`,
        `DTEND;TZID=Europe/Paris:${ymd(stay.to)}T100000`,
      );
    else lines.push(`DTSTART;VALUE=DATE:${ymd(stay.from)}`, `DTEND;VALUE=DATE:${ymd(stay.to)}`);
    lines.push(`SUMMARY:${stay.summary}`);
    if (stay.description) lines.push(`DESCRIPTION:${stay.description}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR", "");
  return lines.join("\r\n");
}

export const AIRBNB = "-//Airbnb Inc//Hosting Calendar 1.0//EN";
export const BOOKING = "-//Booking.com//Booking.com Calendar//EN";
export const VRBO = "-//HomeAway.com, Inc.//EN";
