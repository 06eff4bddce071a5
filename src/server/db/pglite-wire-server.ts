import net from "node:net";
import { once } from "node:events";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

// PostgreSQL caps a start-up packet at 10,000 bytes; other messages get a generous cap of our own.
const MAX_STARTUP_LENGTH = 10_000;
export const MAX_MESSAGE_LENGTH = 64 * 1024 * 1024;
// Reading stops while this many messages wait for PGlite, so one fast writer cannot fill memory.
const MAX_QUEUED_MESSAGES = 256;

// What DISCARD ALL does, except DEALLOCATE ALL: PGlite has one session shared by every client, and the
// prepared statements of the clients still connected must survive one client leaving.
const RESET_SESSION = "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES;";

/** Connections whose application_name starts with this are background work (the worker): served after the others. */
export const BACKGROUND_APPLICATION_PREFIX = "csa-worker";
// While interactive clients keep coming, a background one still gets the session once it has waited this long.
const BACKGROUND_MAX_WAIT_MS = 50;

/**
 * One client connection at a time talks to PGlite. Waiting interactive connections (the app's pages and API) are
 * served before waiting background ones (the worker), between protocol cycles: the worker's stream of transactions
 * no longer puts a page's query behind every one of them. Each class is FIFO. A background waiter is let in once it
 * has waited `maxBackgroundWaitMs` (and no other worker connection went ahead of pages in that window: the worker's
 * four connections would otherwise all be due at once): under a saturating load of pages the worker gets one cycle every 50 ms (slowed,
 * never stopped), and in any other moment it runs as soon as no page waits. (A count of page grants in a row was
 * tried first: the worker's import transactions are longer than a page's reads, so one in five grants still gave
 * the worker most of the engine's time, `npm run bench:embedded`.)
 */
export class ConnectionLock {
  private interactive: Array<() => void> = [];
  private background: Array<{ since: number; resume: () => void }> = [];
  private held = false;
  /** When a background waiter was last let in ahead of waiting pages: one per window, not the whole queue at once. */
  private lastBackgroundTurn = -Infinity;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly maxBackgroundWaitMs = BACKGROUND_MAX_WAIT_MS,
  ) {}

  async acquire(priority: "interactive" | "background" = "interactive"): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => {
      if (priority === "background") this.background.push({ since: this.now(), resume: resolve });
      else this.interactive.push(resolve);
    });
  }

  release(): void {
    const oldestBackground = this.background[0];
    const now = this.now();
    const backgroundDue = oldestBackground !== undefined && now - Math.max(oldestBackground.since, this.lastBackgroundTurn) >= this.maxBackgroundWaitMs;
    const pagesFirst = this.interactive.length > 0 && !backgroundDue;
    if (!pagesFirst && this.interactive.length > 0) this.lastBackgroundTurn = now;
    const next = pagesFirst ? this.interactive.shift() : this.background.shift()?.resume;
    if (next) next();
    else this.held = false;
  }
}

/** The application_name of a start-up message (protocol 3: int32 length, int32 version, then name\0value\0 pairs). */
export function applicationNameOf(startup: Buffer): string | null {
  const parts = startup.subarray(8).toString("utf8").split("\0");
  for (let index = 0; index + 1 < parts.length; index += 2) if (parts[index] === "application_name") return parts[index + 1] ?? null;
  return null;
}

export interface PgliteWireServer {
  port: number;
  /** Each open connection: messages waiting for PGlite, bytes waiting for the client, whether it is held until the client reads. */
  connections(): Array<{ queuedMessages: number; bufferedBytes: number; waitingForDrain: boolean }>;
  close(): Promise<void>;
}

type Frame = { kind: "message"; message: Buffer; type: number | null } | { kind: "reply"; bytes: string } | { kind: "end" } | { kind: "bad"; reason: string };

/** Cuts the next frame off the buffer, or returns null when it is not complete yet. Lengths are checked before use. */
function nextFrame(buffer: Buffer, started: boolean): { frame: Frame; rest: Buffer } | null {
  if (!started) {
    if (buffer.length < 4) return null;
    const length = buffer.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_LENGTH) return { frame: { kind: "bad", reason: `start-up length ${length}` }, rest: Buffer.alloc(0) };
    if (buffer.length < length) return null;
    const code = buffer.readInt32BE(4);
    const rest = buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { frame: { kind: "reply", bytes: "N" }, rest };
    if (code === CANCEL_REQUEST) return { frame: { kind: "end" }, rest };
    return { frame: { kind: "message", message: Buffer.from(buffer.subarray(0, length)), type: null }, rest };
  }
  if (buffer.length < 5) return null;
  const length = buffer.readInt32BE(1);
  if (length < 4 || length > MAX_MESSAGE_LENGTH) return { frame: { kind: "bad", reason: `message length ${length}` }, rest: Buffer.alloc(0) };
  if (buffer.length < 1 + length) return null;
  const type = buffer[0]!;
  const rest = buffer.subarray(1 + length);
  if (type === TERMINATE) return { frame: { kind: "end" }, rest };
  return { frame: { kind: "message", message: Buffer.from(buffer.subarray(0, 1 + length)), type }, rest };
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
export async function servePgliteOverTcp(db: PGlite, options: { host: string; port: number }): Promise<PgliteWireServer> {
  const lock = new ConnectionLock();
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
    states.set(socket, { queued: () => queued, waitingForDrain: () => waitingForDrain });

    // PGlite hands out views of its own memory, reused for the next chunk: copy before queueing the write.
    const send = (data: Uint8Array) => {
      if (!socket.destroyed) socket.write(Buffer.from(data));
    };

    const handle = async (message: Buffer, type: number | null) => {
      if (socket.destroyed) return;
      if (type === null && applicationNameOf(message)?.startsWith(BACKGROUND_APPLICATION_PREFIX)) priority = "background";
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
        await db.runExclusive(() => db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => undefined })).catch(() => undefined);
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
        queued++;
        if (queued >= MAX_QUEUED_MESSAGES) socket.pause();
        chain = chain
          .then(() => handle(frame.message, frame.type))
          .catch(() => {
            socket.destroy();
          })
          .finally(() => {
            queued--;
            if (queued < MAX_QUEUED_MESSAGES / 4 && socket.isPaused() && !socket.destroyed) socket.resume();
          });
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      sockets.delete(socket);
      states.delete(socket);
      chain = chain.then(() => (started ? handOver() : undefined)).catch(() => undefined);
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
      [...states.entries()].map(([socket, state]) => ({ queuedMessages: state.queued(), bufferedBytes: socket.writableLength, waitingForDrain: state.waitingForDrain() })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
