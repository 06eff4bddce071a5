import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { demoCalendar } from "./demo-ics";
import { firstAnswerOf } from "./demo-data";

export const DEMO_SCENARIOS = [
  "airbnb",
  "booking",
  "vrbo",
  "google",
  "empty",
  "not-found",
  "gone",
  "forbidden",
  "unauthorized",
  "rate-limited",
  "server-error",
  "unavailable",
  "teapot",
  "slow",
  "huge",
  "html",
  "json",
  "redirect-loop",
  "redirect-once",
  "redirect-blocked",
  "retry-after-decade",
  "recurrence-bomb",
] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** 24 KB that once held a server for 30 s: 300 events repeating every day since 1900. */
export function recurrenceBomb(events = 300): string {
  const body = Array.from(
    { length: events },
    (_, i) => `BEGIN:VEVENT\r\nUID:bomb-${i}@demo\r\nDTSTART:19000101T000000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT`,
  );
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Demo//Bomb//FR", ...body, "END:VCALENDAR", ""].join("\r\n");
}

export interface DemoFeedServerOptions {
  port?: number;
  host?: string;
  /** How long "slow" waits before answering; past the fetch timeout by default. */
  slowMs?: number;
  /** Serve a healthy calendar in the feed's own style on a path's first request, its scenario after ("it worked, then broke"). */
  healthyFirst?: boolean;
  /** The day the stays are laid out from, and the DTSTAMP of each response (tests pin them); the wall clock by default. */
  calendarDay?: () => Date;
  generatedAt?: () => Date;
  /** Every feed answer waits this long first, like a provider on the other side of the world (benchmarks). */
  latencyMs?: number;
  /** Stays per healthy calendar (10 by default). */
  staysPerFeed?: number;
}

export interface DemoFeedServer {
  port: number;
  baseUrl: string;
  /** Requests received per path, for tests. */
  hits: Map<string, number>;
  /** Makes a listing's feed path answer as another scenario from now on ("the host fixed the link"). */
  override(listingId: string, scenario: DemoScenario | null): void;
  /** The whole "provider" down (every feed answers 503) or back up. */
  setOutage(down: boolean): void;
  /** Feed requests being answered now, and the most at once so far. */
  concurrency: { current: number; max: number };
  close(): Promise<void>;
}

/**
 * Serves realistic provider-style .ics files and every failure mode on 127.0.0.1:
 * GET /<scenario>/<listingId>.ics?t=<token>. Used by `npm run feeds:demo`, the demo data and the tests.
 */
export async function startDemoFeedServer(options: DemoFeedServerOptions = {}): Promise<DemoFeedServer> {
  const hits = new Map<string, number>();
  const overrides = new Map<string, DemoScenario>();
  const slowMs = options.slowMs ?? 30_000;
  const sockets = new Set<import("node:net").Socket>();
  let outage = false;
  const concurrency = { current: 0, max: 0 };

  const answer = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://demo");
    // Lets the demo (and the browser tests) play "the host fixed the link": POST /__control/override?listing=ID&scenario=S
    if (url.pathname === "/__control/override" && request.method === "POST") {
      const listing = url.searchParams.get("listing");
      const next = url.searchParams.get("scenario");
      if (!listing || (next && !DEMO_SCENARIOS.includes(next as DemoScenario))) {
        response.writeHead(400);
        return response.end("listing and a known scenario expected");
      }
      if (next) overrides.set(listing, next as DemoScenario);
      else overrides.delete(listing);
      response.writeHead(204);
      return response.end();
    }
    // Lets the demo play a provider outage: POST /__control/outage?down=1|0
    if (url.pathname === "/__control/outage" && request.method === "POST") {
      outage = url.searchParams.get("down") === "1";
      response.writeHead(204);
      return response.end();
    }
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    concurrency.current++;
    concurrency.max = Math.max(concurrency.max, concurrency.current);
    response.on("close", () => concurrency.current--);
    if (outage) {
      response.writeHead(503, { "content-type": "text/plain" });
      return response.end("Service Unavailable");
    }
    const [, pathScenario = "", file = ""] = url.pathname.split("/");
    const listingId = file.replace(/\.ics$/, "");
    const firstHit = hits.get(url.pathname) === 1;
    const scenario =
      overrides.get(listingId) ??
      ((options.healthyFirst && firstHit ? firstAnswerOf(listingId, pathScenario) : pathScenario) as DemoScenario);
    const calendar = (style: string) => {
      const day = options.calendarDay?.() ?? new Date();
      const body = demoCalendar(style, listingId, day, options.generatedAt?.() ?? new Date(), options.staysPerFeed);
      // The validator follows the content, not the per-response DTSTAMP, as a server with an ETag should.
      const stampFree = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
      const etag = `"${createHash("sha1")
        .update(demoCalendar(style, listingId, day, stampFree, options.staysPerFeed))
        .digest("hex")
        .slice(0, 16)}"`;
      if (request.headers["if-none-match"] === etag) {
        response.writeHead(304, { etag });
        return response.end();
      }
      response.writeHead(200, {
        "content-type": "text/calendar; charset=utf-8",
        etag,
        "cache-control": "private, max-age=0",
      });
      response.end(body);
    };
    switch (scenario) {
      case "airbnb":
      case "booking":
      case "vrbo":
      case "google":
        return calendar(scenario);
      case "empty":
        response.writeHead(200, { "content-type": "text/calendar" });
        return response.end("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Demo//Empty//FR\r\nEND:VCALENDAR\r\n");
      case "not-found":
        response.writeHead(404, { "content-type": "text/plain" });
        return response.end("Not Found");
      case "gone":
        response.writeHead(410);
        return response.end();
      case "forbidden":
        response.writeHead(403);
        return response.end("Forbidden");
      case "unauthorized":
        response.writeHead(401);
        return response.end();
      case "rate-limited":
        response.writeHead(429, { "retry-after": "120" });
        return response.end("Too Many Requests");
      case "retry-after-decade":
        // A hostile or broken server: « come back in ten years ».
        response.writeHead(429, { "retry-after": "315360000" });
        return response.end("Too Many Requests");
      case "recurrence-bomb":
        response.writeHead(200, { "content-type": "text/calendar; charset=utf-8" });
        return response.end(recurrenceBomb());
      case "server-error":
        response.writeHead(500);
        return response.end("Internal Server Error");
      case "unavailable":
        response.writeHead(503, { "retry-after": "300" });
        return response.end("Service Unavailable");
      case "teapot":
        response.writeHead(418);
        return response.end();
      case "slow": {
        const timer = setTimeout(() => calendar("airbnb"), slowMs);
        response.on("close", () => clearTimeout(timer));
        return;
      }
      case "huge": {
        response.writeHead(200, { "content-type": "text/calendar" });
        response.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        const chunk = `X-PADDING:${"x".repeat(1000)}\r\n`.repeat(64);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once("drain", pump);
        };
        return pump();
      }
      case "html":
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return response.end(
          '<!DOCTYPE html><html lang="fr"><head><title>Connexion</title></head><body><h1>Veuillez vous connecter</h1></body></html>',
        );
      case "json":
        response.writeHead(200, { "content-type": "application/json" });
        return response.end('{"error":"calendar_disabled"}');
      case "redirect-loop":
        response.writeHead(302, { location: `${url.pathname}${url.search}` });
        return response.end();
      case "redirect-once":
        response.writeHead(301, { location: `/airbnb/${file}${url.search}` });
        return response.end();
      case "redirect-blocked": {
        const { port } = server.address() as AddressInfo;
        response.writeHead(302, { location: `http://127.0.0.2:${port}/airbnb/${file}` });
        return response.end();
      }
      default:
        response.writeHead(404);
        return response.end("Unknown demo scenario");
    }
  };
  const server = http.createServer((request, response) => {
    if (!options.latencyMs) return answer(request, response);
    const timer = setTimeout(() => answer(request, response), options.latencyMs);
    response.on("close", () => clearTimeout(timer));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    baseUrl: `http://${options.host ?? "127.0.0.1"}:${port}`,
    hits,
    concurrency,
    override(listingId, scenario) {
      if (scenario) overrides.set(listingId, scenario);
      else overrides.delete(listingId);
    },
    setOutage(down) {
      outage = down;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
