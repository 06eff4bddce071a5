import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  host: string;
  requests: ReceivedRequest[];
  /** Decides each answer: a status and optional headers. Default 200. */
  answer: (request: { body: string; index: number }) => { status: number; headers?: Record<string, string> };
  close(): Promise<void>;
}

/** A real HTTP server on a loopback address, recording what it is sent (a webhook, Slack or Teams receiver). */
export async function startWebhookReceiver(host: string): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: "",
    host,
    requests: [],
    answer: () => ({ status: 200 }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const { status, headers } = receiver.answer({ body, index: receiver.requests.length });
      receiver.requests.push({ headers: request.headers, body, status });
      response.writeHead(status, headers);
      response.end(status >= 200 && status < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  receiver.url = `http://${host}:${(server.address() as AddressInfo).port}/hooks/secret-token-123`;
  const close = receiver.close;
  receiver.close = () => {
    server.closeAllConnections();
    return close();
  };
  return receiver;
}
