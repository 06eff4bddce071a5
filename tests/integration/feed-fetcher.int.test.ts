import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoFeedServer, type DemoFeedServer } from "@/demo/demo-feed-server";
import { createFeedFetcher, USER_AGENT, type FetcherOptions } from "@/server/services/calendar/fetch/feed-fetcher";
import { FeedFetchError } from "@/server/services/calendar/fetch/feed-fetch-error";
import type { LookupFunction } from "@/server/shared/guarded-lookup";

const TOKEN = "t=SECRET-TOKEN-123";
const TLS_DIR = path.join(import.meta.dirname, "../fixtures/tls");
const TLS_KEY = readFileSync(path.join(TLS_DIR, "localhost-key.pem"), "utf8");
const TLS_CERT = readFileSync(path.join(TLS_DIR, "localhost-cert.pem"), "utf8");
const base: FetcherOptions = {
  timeoutMs: 1_000,
  connectTimeoutMs: 1_000,
  maxBytes: 256 * 1024,
  allowHosts: ["127.0.0.1"],
};
let feeds: DemoFeedServer;
const fetcher = createFeedFetcher(base);

beforeAll(async () => {
  feeds = await startDemoFeedServer({ slowMs: 5_000 });
});
afterAll(async () => {
  await fetcher.close();
  await feeds.close();
});

async function failure(promise: Promise<unknown>): Promise<FeedFetchError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FeedFetchError);
  const fetchError = error as FeedFetchError;
  expect(fetchError.message).not.toContain("SECRET-TOKEN");
  expect(fetchError.message).not.toContain("listing-1.ics");
  return fetchError;
}

const feedUrl = (scenario: string) => `${feeds.baseUrl}/${scenario}/listing-1.ics?${TOKEN}`;

describe("fetching a feed", () => {
  it("returns the body with its validators, then a 304 when they still match", async () => {
    const first = await fetcher.fetch(feedUrl("airbnb"));
    expect(first.kind).toBe("body");
    if (first.kind !== "body") return;
    expect(first.body).toContain("BEGIN:VCALENDAR");
    expect(first.etag).toMatch(/^".+"$/);
    expect(await fetcher.fetch(feedUrl("airbnb"), { etag: first.etag })).toEqual({
      kind: "not-modified",
      httpStatus: 304,
    });
  });

  it("follows one redirect", async () => {
    expect((await fetcher.fetch(feedUrl("redirect-once"))).kind).toBe("body");
  });

  it("sends a User-Agent naming the product", async () => {
    let seen: string | undefined;
    const server = http.createServer((request, response) => {
      seen = request.headers["user-agent"];
      response.end("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await fetcher.fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x.ics`);
    server.close();
    expect(seen).toBe(USER_AGENT);
  });

  it.each([
    ["not-found", "FEED_NOT_FOUND", 404],
    ["gone", "FEED_GONE", 410],
    ["forbidden", "ACCESS_DENIED", 403],
    ["unauthorized", "ACCESS_DENIED", 401],
    ["server-error", "REMOTE_SERVER_ERROR", 500],
    ["teapot", "HTTP_ERROR", 418],
  ])("classifies %s as %s", async (scenario, errorType, status) => {
    const error = await failure(fetcher.fetch(feedUrl(scenario)));
    expect(error).toMatchObject({ errorType, httpStatus: status });
    expect(error.message).toContain(String(status));
    expect(error.message).toContain("127.0.0.1");
  });

  it("classifies 429 as RATE_LIMITED and keeps Retry-After", async () => {
    expect(await failure(fetcher.fetch(feedUrl("rate-limited")))).toMatchObject({
      errorType: "RATE_LIMITED",
      retryAfterSeconds: 120,
    });
  });

  it("gives up on a server slower than the total timeout", async () => {
    const started = Date.now();
    expect((await failure(fetcher.fetch(feedUrl("slow")))).errorType).toBe("TIMEOUT");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("stops reading an endless body at the size cap", async () => {
    expect((await failure(fetcher.fetch(feedUrl("huge")))).errorType).toBe("FEED_TOO_LARGE");
  });

  it("stops a redirect loop after 5 redirects", async () => {
    expect((await failure(fetcher.fetch(feedUrl("redirect-loop")))).errorType).toBe("TOO_MANY_REDIRECTS");
  });

  it("refuses a redirect to a blocked address", async () => {
    expect((await failure(fetcher.fetch(feedUrl("redirect-blocked")))).errorType).toBe("BLOCKED_ADDRESS");
    expect(feeds.hits.get("/airbnb/listing-1.ics") ?? 0).toBeGreaterThan(0);
  });

  it("matches an allow-list entry against the host as written, then checks the address connected to", async () => {
    // 127.0.0.1 is allowed: localhost, which resolves there, is not.
    expect(
      (await failure(fetcher.fetch(`http://localhost:${feeds.port}/airbnb/listing-1.ics?${TOKEN}`))).errorType,
    ).toBe("BLOCKED_ADDRESS");
    const names: Record<string, string> = {
      "feeds.test": "127.0.0.1",
      "other.test": "127.0.0.1",
      "metadata.test": "169.254.169.254",
    };
    const resolve: NonNullable<FetcherOptions["resolve"]> = (hostname, _options, callback) => {
      const address = names[hostname];
      if (!address) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "");
      callback(null, [{ address, family: 4 }]);
    };
    const named = createFeedFetcher({ ...base, allowHosts: ["127.0.0.1", "feeds.test", "metadata.test"], resolve });
    try {
      expect((await named.fetch(`http://feeds.test:${feeds.port}/airbnb/listing-1.ics?${TOKEN}`)).kind).toBe("body");
      expect(
        (await failure(named.fetch(`http://other.test:${feeds.port}/airbnb/listing-1.ics?${TOKEN}`))).errorType,
      ).toBe("BLOCKED_ADDRESS");
      expect((await failure(named.fetch(`http://metadata.test:${feeds.port}/latest/meta-data/`))).errorType).toBe(
        "BLOCKED_ADDRESS",
      );
    } finally {
      await named.close();
    }
  });

  it("refuses loopback addresses that are not allow-listed, by literal or by name", async () => {
    expect(
      (await failure(fetcher.fetch(`http://127.0.0.2:${feeds.port}/airbnb/listing-1.ics?${TOKEN}`))).errorType,
    ).toBe("BLOCKED_ADDRESS");
    const strict = createFeedFetcher({ ...base, allowHosts: [] });
    try {
      expect(
        (await failure(strict.fetch(`http://localhost:${feeds.port}/airbnb/listing-1.ics?${TOKEN}`))).errorType,
      ).toBe("BLOCKED_ADDRESS");
      expect((await failure(strict.fetch(`http://[::1]:${feeds.port}/airbnb/listing-1.ics`))).errorType).toBe(
        "BLOCKED_ADDRESS",
      );
      expect((await failure(strict.fetch("http://169.254.169.254/latest/meta-data/"))).errorType).toBe(
        "BLOCKED_ADDRESS",
      );
    } finally {
      await strict.close();
    }
  });

  it("classifies a refused connection as CONNECTION_FAILED", async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect((await failure(fetcher.fetch(`http://127.0.0.1:${port}/x.ics?${TOKEN}`))).errorType).toBe(
      "CONNECTION_FAILED",
    );
  });

  it("classifies an unknown name as DNS_FAILURE", async () => {
    // A resolver answering NXDOMAIN, so the test sends no query to the machine's DNS servers.
    const nxdomain: LookupFunction = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "");
    const offline = createFeedFetcher({ ...base, resolve: nxdomain });
    try {
      expect((await failure(offline.fetch(`http://calendar.example.invalid/listing-1.ics?${TOKEN}`))).errorType).toBe(
        "DNS_FAILURE",
      );
    } finally {
      await offline.close();
    }
  });

  it("classifies an untrusted certificate as TLS_ERROR", async () => {
    const server = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, (_request, response) =>
      response.end("BEGIN:VCALENDAR"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/listing-1.ics?${TOKEN}`;
      expect((await failure(fetcher.fetch(url))).errorType).toBe("TLS_ERROR");
    } finally {
      server.close();
    }
  });

  it("fetches over https from a trusted server and refuses its redirect down to http", async () => {
    const server = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, (request, response) => {
      if (request.url?.startsWith("/down")) {
        response.writeHead(302, { location: `${feeds.baseUrl}/airbnb/listing-1.ics` });
        return response.end();
      }
      response.end("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const trusting = createFeedFetcher({ ...base, extraCa: [TLS_CERT] });
    try {
      const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await trusting.fetch(`${origin}/listing-1.ics?${TOKEN}`)).kind).toBe("body");
      const error = await failure(trusting.fetch(`${origin}/down/listing-1.ics?${TOKEN}`));
      expect(error.errorType).toBe("BLOCKED_ADDRESS");
      expect(error.message).toContain("HTTPS vers HTTP");
    } finally {
      await trusting.close();
      server.close();
    }
  });

  it.each(["ftp://127.0.0.1/listing-1.ics", "not a url", "file:///etc/passwd"])(
    "refuses %s as INVALID_URL",
    async (url) => {
      expect((await failure(fetcher.fetch(url))).errorType).toBe("INVALID_URL");
    },
  );
});
