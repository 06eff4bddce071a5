// Entry point of the worker's parse threads (parse-pool.ts): reads one body per message.
import { parentPort } from "node:worker_threads";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import { readBody } from "./feed-body-reader";
import type { ParseRequest, ParseResponse, ThreadReady } from "./parse-pool";

parentPort!.on("message", (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    response = { id: request.id, result: readBody(request.body, request.knownHash, request.options) };
  } catch (error) {
    response =
      error instanceof FeedFetchError
        ? { id: request.id, feedError: { errorType: error.errorType, message: error.message } }
        : { id: request.id, unexpected: (error as Error).message ?? String(error) };
  }
  parentPort!.postMessage(response);
});

// Loaded: the pool starts a body's time limit only now, so a cold thread's first body is not charged for the load.
parentPort!.postMessage({ ready: true } satisfies ThreadReady);
