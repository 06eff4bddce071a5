import net from "node:net";
import { once } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import { scramVerifierOf, startScramExchange, type ScramExchange } from "./scram-server";
import { ConnectionLock, BACKGROUND_APPLICATION_PREFIX } from "./connection-lock";
import {
  applicationNameOf,
  authentication,
  fatalError,
  nextFrame,
  saslPayload,
  PASSWORD,
  QUERY,
  SYNC,
  SYNC_MESSAGE,
} from "./pglite-wire-codec";

export { ConnectionLock, BACKGROUND_APPLICATION_PREFIX } from "./connection-lock";
export { applicationNameOf, fatalError, MAX_MESSAGE_LENGTH } from "./pglite-wire-codec";

// Reading stops while this many messages wait for PGlite, so one fast writer cannot fill memory.
const MAX_QUEUED_MESSAGES = 256;

// What DISCARD ALL does, except DEALLOCATE ALL: PGlite has one session shared by every client, and the
// prepared statements of the clients still connected must survive one client leaving.
const RESET_SESSION =
  "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES;";

export interface PgliteWireServer {
  port: number;
  /** Each open connection: messages waiting for PGlite, bytes waiting for the client, whether it is held until the client reads. */
  connections(): Array<{ queuedMessages: number; bufferedBytes: number; waitingForDrain: boolean }>;
  close(): Promise<void>;
}

/**
 * Serves one PGlite instance over the PostgreSQL wire protocol to several client connections.
 * PGlite has a single session, so a connection holds it from its first message until a protocol cycle
 * ends (Sync or a simple Query) outside a transaction. A connection that leaves, however it leaves, hands
 * the session over clean: its protocol cycle closed with Sync, its transaction rolled back, its session
 * state (settings, temporary tables, cursors, advisory locks) reset. @electric-sql/pglite-socket, whose
 * newest release is 0.2.17, interleaves clients message by message (electric-sql/pglite#1046, open):
 * measured here, it breaks node-postgres' extended protocol under concurrency.
 */
export async function servePgliteOverTcp(
  db: PGlite,
  /** password: asked of every client with SCRAM-SHA-256; null only where the caller wants none (protocol tests). */
  options: {
    host: string;
    port: number;
    backgroundShare?: number;
    /** How recently a page must have come for the app to count as being served (tests widen it; see ConnectionLock). */
    interactiveActiveMs?: number;
    password: string | null;
  },
): Promise<PgliteWireServer> {
  const lock = new ConnectionLock(undefined, options.backgroundShare, undefined, options.interactiveActiveMs);
  // Derived once: PBKDF2's 4,096 rounds per connection would cost more than the connection.
  const verifier = options.password === null ? null : scramVerifierOf(options.password);
  const sockets = new Set<net.Socket>();
  const states = new Map<net.Socket, { queued: () => number; waitingForDrain: () => boolean }>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    let holding = false;
    let queued = 0;
    let waitingForDrain = false;
    let priority: "interactive" | "background" = "interactive";
    let chain: Promise<void> = Promise.resolve();
    // Authentication: the start-up message waits here until the client proved the password; then PGlite sees it.
    let auth:
      | { state: "open" }
      | { state: "initial"; startup: Buffer }
      | { state: "final"; startup: Buffer; exchange: Extract<ScramExchange, { step: "continue" }> } = verifier
      ? { state: "initial", startup: Buffer.alloc(0) }
      : { state: "open" };
    let opened = false;
    states.set(socket, { queued: () => queued, waitingForDrain: () => waitingForDrain });

    // PGlite hands out views of its own memory, reused for the next chunk: copy before queueing the write.
    const send = (data: Uint8Array) => {
      if (!socket.destroyed) socket.write(Buffer.from(data));
    };

    const handle = async (message: Buffer, type: number | null) => {
      if (socket.destroyed) return;
      if (type === null && applicationNameOf(message)?.startsWith(BACKGROUND_APPLICATION_PREFIX))
        priority = "background";
      if (!holding) {
        await lock.acquire(priority);
        holding = true;
      }
      await db.runExclusive(() => db.execProtocolRawStream(new Uint8Array(message), { onRawData: send }));
      if ((type === null || type === SYNC || type === QUERY) && !db.isInTransaction()) {
        holding = false;
        lock.release();
      }
      // Backpressure: while the client does not read what it was sent, it gets nothing more done.
      if (socket.writableNeedDrain && !socket.destroyed) {
        waitingForDrain = true;
        await Promise.race([once(socket, "drain"), once(socket, "close")]);
        waitingForDrain = false;
      }
    };

    // Runs when the connection is gone, after everything it queued: leaves PGlite as a new client expects it.
    const handOver = async () => {
      if (!holding) await lock.acquire(priority);
      holding = true;
      try {
        // A Parse that failed leaves PGlite skipping messages until Sync; Sync also ends an implicit transaction.
        // (exec takes PGlite's own mutex, so these run outside runExclusive.)
        await db
          .runExclusive(() => db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => undefined }))
          .catch(() => undefined);
        if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => undefined);
        await db.exec(RESET_SESSION).catch(() => undefined);
      } finally {
        holding = false;
        lock.release();
      }
    };

    const drop = () => {
      buffer = Buffer.alloc(0);
      socket.destroy();
    };

    const refuse = () => {
      buffer = Buffer.alloc(0);
      socket.end(fatalError("28P01", "password authentication failed"));
    };

    /** The SCRAM exchange, before PGlite sees anything; false once the connection is refused. */
    const authenticate = (message: Buffer, type: number | null): boolean => {
      if (auth.state === "open") return true;
      if (type === null) {
        auth = { state: "initial", startup: message };
        socket.write(authentication(10, "SCRAM-SHA-256\0\0"));
        return false;
      }
      const payload = type === PASSWORD ? saslPayload(message, auth.state === "initial") : null;
      if (!payload || !verifier || auth.startup.length === 0) return (refuse(), false);
      if (auth.state === "initial") {
        const exchange =
          payload.mechanism === "SCRAM-SHA-256"
            ? startScramExchange(verifier, payload.data)
            : ({ step: "refused" } as const);
        if (exchange.step === "refused") return (refuse(), false);
        auth = { state: "final", startup: auth.startup, exchange };
        socket.write(authentication(11, exchange.serverFirst));
        return false;
      }
      const outcome = auth.exchange.finish(payload.data);
      if (!outcome.ok) return (refuse(), false);
      socket.write(authentication(12, outcome.serverFinal));
      const startup = auth.startup;
      auth = { state: "open" };
      // PGlite answers the start-up with AuthenticationOk, its parameters and ReadyForQuery, as the client now expects.
      enqueue(startup, null);
      return false;
    };

    const enqueue = (message: Buffer, type: number | null) => {
      opened = true;
      queued++;
      if (queued >= MAX_QUEUED_MESSAGES) socket.pause();
      chain = chain
        .then(() => handle(message, type))
        .catch(() => {
          socket.destroy();
        })
        .finally(() => {
          queued--;
          if (queued < MAX_QUEUED_MESSAGES / 4 && socket.isPaused() && !socket.destroyed) socket.resume();
        });
    };

    socket.on("data", (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const next = nextFrame(buffer, started);
        if (!next) break;
        buffer = next.rest;
        const { frame } = next;
        if (frame.kind === "bad") return drop();
        if (frame.kind === "end") {
          socket.end();
          break;
        }
        if (frame.kind === "reply") {
          socket.write(frame.bytes);
          continue;
        }
        started = true;
        if (!authenticate(frame.message, frame.type)) {
          if (socket.destroyed || socket.writableEnded) return;
          continue;
        }
        enqueue(frame.message, frame.type);
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      sockets.delete(socket);
      states.delete(socket);
      chain = chain.then(() => (opened ? handOver() : undefined)).catch(() => undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    connections: () =>
      [...states.entries()].map(([socket, state]) => ({
        queuedMessages: state.queued(),
        bufferedBytes: socket.writableLength,
        waitingForDrain: state.waitingForDrain(),
      })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
