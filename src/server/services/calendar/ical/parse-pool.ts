import { Worker } from "node:worker_threads";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import type { SyncErrorType } from "../../../shared/sync-error-types";
import { inThreadReader, type FeedBodyReader, type ReadBody } from "./feed-body-reader";
import type { ParseOptions } from "./parse-ical";

export interface ParseRequest {
  id: number;
  body: string;
  knownHash: string | null;
  options: ParseOptions;
}

export type ParseResponse =
  | { id: number; result: ReadBody }
  | { id: number; feedError: { errorType: SyncErrorType; message: string } }
  | { id: number; unexpected: string };

export interface ParsePoolOptions {
  /** The thread's entry: parse-thread.ts under tsx, dist/parse-thread.mjs in the compiled worker. */
  entry: URL;
  /** The entry is TypeScript (npm run worker, tests): each thread registers tsx's loader before importing it. */
  typescript?: boolean;
  threads: number;
  /** Bodies at least this long (UTF-16 code units, about bytes for iCal) are read on the pool; 0 reads all on the calling thread. */
  thresholdBytes: number;
}

interface Pending {
  request: ParseRequest;
  resolve(result: ReadBody): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/**
 * Parsing a feed near the 5 MiB cap takes the thread for about 0.4 s, during which every other sync in flight
 * waits. Bodies above the threshold are hashed and parsed on a small pool of threads instead; smaller ones stay
 * on the calling thread, where the copy to a thread would cost more than the parse. A thread that dies fails the
 * body it held (an UNEXPECTED_ERROR for that feed) and is replaced.
 */
export function createParsePool(options: ParsePoolOptions): FeedBodyReader {
  if (options.threads <= 0 || options.thresholdBytes <= 0) return inThreadReader;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): Slot => {
    const worker = options.typescript
      ? new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(options.entry.href)}); });`, { eval: true })
      : new Worker(options.entry);
    const slot: Slot = { worker, busy: null };
    slot.worker.unref();
    slot.worker.on("message", (response: ParseResponse) => {
      const pending = slot.busy;
      slot.busy = null;
      if (pending) {
        if ("result" in response) pending.resolve(response.result);
        else if ("feedError" in response) pending.reject(new FeedFetchError(response.feedError.errorType, response.feedError.message));
        else pending.reject(new Error(`parse thread: ${response.unexpected}`));
      }
      pump();
    });
    slot.worker.on("error", (error) => {
      slot.busy?.reject(error);
      slot.busy = null;
    });
    slot.worker.on("exit", () => {
      slot.busy?.reject(new Error("parse thread exited"));
      slot.busy = null;
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      if (!closed) pump();
    });
    slots.push(slot);
    return slot;
  };

  const pump = () => {
    while (queue.length > 0 && !closed) {
      let slot = slots.find((candidate) => candidate.busy === null);
      if (!slot && slots.length < options.threads) slot = spawn();
      if (!slot) return;
      const pending = queue.shift()!;
      slot.busy = pending;
      slot.worker.postMessage(pending.request);
    }
  };

  return {
    read(body, knownHash, parseOptions) {
      if (body.length < options.thresholdBytes || closed) return inThreadReader.read(body, knownHash, parseOptions);
      return new Promise<ReadBody>((resolve, reject) => {
        queue.push({ request: { id: nextId++, body, knownHash, options: parseOptions }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error("parse pool closed"));
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
