// npm start [-- --port 3000 --hostname 0.0.0.0]: the production server (after `npm run build`).
// Strict-Transport-Security is sent on every response when NEXTAUTH_URL is https.
// It is `next start` plus one thing Next's own server cannot do: the client address comes from the socket.
// Next keeps an X-Forwarded-For sent by the client, so without this a client could choose the address that
// sign-in throttling counts against. With TRUST_PROXY the forwarded headers of the proxy in front are kept.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { flagValue, runMain } from "./lib";

const FORWARDED_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

runMain(async () => {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  const args = process.argv.slice(2);
  const port = Number(flagValue(args, "--port") ?? process.env.PORT ?? 3000);
  const hostname = flagValue(args, "--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";
  const { getConfig } = await import("../src/server/config");
  const { strictTransportSecurity } = await import("../src/server/http/strict-transport");
  const { REQUEST_TAG_HEADER, takeDatabaseUnavailable } = await import("../src/server/http/page-unavailable");
  const { default: next } = await import("next");
  const { trustProxy, auth } = getConfig();
  // Served behind TLS (NEXTAUTH_URL is https): browsers are told to never come back over plain HTTP.
  const hsts = strictTransportSecurity(auth.url);
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((request, response) => {
    if (!trustProxy) {
      for (const name of FORWARDED_HEADERS) delete request.headers[name];
      request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
    }
    if (hsts) response.setHeader("Strict-Transport-Security", hsts);
    // A page whose database did not answer: 503 with Retry-After, as the API answers (src/server/http/page-unavailable.ts).
    const tag = randomUUID();
    request.headers[REQUEST_TAG_HEADER] = tag;
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => http.ServerResponse;
    response.writeHead = ((status: number, ...rest: unknown[]) => {
      if (status === 500 && takeDatabaseUnavailable(tag)) {
        response.setHeader("Retry-After", "10");
        return writeHead(503, ...rest);
      }
      return writeHead(status, ...rest);
    }) as typeof response.writeHead;
    response.once("close", () => takeDatabaseUnavailable(tag));
    void handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`> Ready on http://${hostname}:${port}${trustProxy ? " (TRUST_PROXY: forwarded headers kept)" : ""}`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve());
  });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  await app.close();
});
