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
  /** A thread still reading one body after this long is terminated and replaced; the feed fails FEED_TOO_COMPLEX. */
  timeLimitMs: number;
}

interface Pending {
  request: ParseRequest;
  resolve(result: ReadBody): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** starting: loading its modules (a thread's first body is not charged for that); retired: terminated or exiting. */
  state: "starting" | "idle" | "busy" | "retired";
  busy: Pending | null;
  deadline: NodeJS.Timeout | null;
}

/** What a thread posts once its modules are loaded, before its first body. */
export interface ThreadReady {
  ready: true;
}

function settle(slot: Slot): Pending | null {
  const pending = slot.busy;
  slot.busy = null;
  clearTimeout(slot.deadline ?? undefined);
  return pending;
}

// Recurrence rules a small body may hold and still be read on the calling thread: a VTIMEZONE's two (daylight and
// standard, cheap and cached) or an event's own. Each event's expansion is capped (2,000 occurrences, about 40 ms at
// worst), so two rules keep the calling thread's worst case near 80 ms; a body with more goes to a thread.
const MAX_RULES_ON_CALLING_THREAD = 2;

/**
 * Small bodies stay on the calling thread, where the copy to a thread would cost more than the parse, unless they
 * hold several recurrence rules: a few hundred bytes of RRULE can be seconds of expansion, so those go to a thread.
 */
export function mayReadOnCallingThread(body: string, thresholdBytes: number): boolean {
  return body.length < thresholdBytes && (body.match(/RRULE/gi)?.length ?? 0) <= MAX_RULES_ON_CALLING_THREAD;
}

/**
 * Parsing a feed near the 5 MiB cap takes the thread for about 0.4 s, during which every other sync in flight
 * waits, and a feed's recurrences can cost more than its size says. Those bodies are hashed and parsed on a small
 * pool of threads instead (mayReadOnCallingThread). The time limit runs from when a thread starts the body, not
 * while it waits behind another feed's. A thread that dies fails the body it held (an UNEXPECTED_ERROR for that
 * feed) and is replaced.
 */
function tooSlow(limitMs: number): FeedFetchError {
  return new FeedFetchError(
    "FEED_TOO_COMPLEX",
    `La lecture du calendrier a dépassé ${Math.round(limitMs / 100) / 10} s : il demande trop de calcul.`,
  );
}

export function createParsePool(options: ParsePoolOptions): FeedBodyReader {
  if (options.threads <= 0 || options.thresholdBytes <= 0) return inThreadReader;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): Slot => {
    const worker = options.typescript
      ? new Worker(
          `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(options.entry.href)}); });`,
          { eval: true },
        )
      : new Worker(options.entry);
    const slot: Slot = { worker, state: "starting", busy: null, deadline: null };
    slot.worker.unref();
    slot.worker.on("message", (response: ParseResponse | ThreadReady) => {
      if (slot.state === "retired") return;
      const pending = settle(slot);
      slot.state = "idle";
      if (pending && !("ready" in response)) {
        if ("result" in response) pending.resolve(response.result);
        else if ("feedError" in response)
          pending.reject(new FeedFetchError(response.feedError.errorType, response.feedError.message));
        else pending.reject(new Error(`parse thread: ${response.unexpected}`));
      }
      pump();
    });
    slot.worker.on("error", (error) => settle(slot)?.reject(error));
    slot.worker.on("exit", () => {
      settle(slot)?.reject(new Error("parse thread exited"));
      slot.state = "retired";
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      if (!closed) pump();
    });
    slots.push(slot);
    return slot;
  };

  // A body over its time limit: its thread is retired at once (no new body goes to it) and terminated.
  const overrun = (slot: Slot) => {
    slot.state = "retired";
    settle(slot)?.reject(tooSlow(options.timeLimitMs));
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    void slot.worker.terminate();
    pump();
  };

  const pump = () => {
    while (queue.length > 0 && !closed) {
      const slot = slots.find((candidate) => candidate.state === "idle");
      if (!slot) {
        if (slots.length < options.threads) spawn();
        return;
      }
      const pending = queue.shift()!;
      slot.state = "busy";
      slot.busy = pending;
      slot.deadline = setTimeout(() => overrun(slot), options.timeLimitMs);
      slot.deadline.unref();
      slot.worker.postMessage(pending.request);
    }
  };

  return {
    read(body, knownHash, parseOptions) {
      if (mayReadOnCallingThread(body, options.thresholdBytes) || closed)
        return inThreadReader.read(body, knownHash, parseOptions);
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
