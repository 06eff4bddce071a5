// Entry point of the worker's parse threads (parse-pool.ts): reads one body per message.
import { parentPort } from "node:worker_threads";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import { readBody } from "./feed-body-reader";
import type { ParseRequest, ParseResponse } from "./parse-pool";

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
