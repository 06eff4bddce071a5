import net from "node:net";
import { once } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import { scramVerifierOf, startScramExchange, type ScramExchange } from "./scram-server";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const PASSWORD = 0x70; // 'p': SASLInitialResponse and SASLResponse
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

// PostgreSQL caps a start-up packet at 10,000 bytes; other messages get a generous cap of our own.
const MAX_STARTUP_LENGTH = 10_000;
export const MAX_MESSAGE_LENGTH = 64 * 1024 * 1024;
// Reading stops while this many messages wait for PGlite, so one fast writer cannot fill memory.
const MAX_QUEUED_MESSAGES = 256;

// What DISCARD ALL does, except DEALLOCATE ALL: PGlite has one session shared by every client, and the
// prepared statements of the clients still connected must survive one client leaving.
const RESET_SESSION =
  "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES;";

/** Connections whose application_name starts with this are background work (the worker): capped while pages are served. */
export const BACKGROUND_APPLICATION_PREFIX = "csa-worker";
/** While pages are being served, the worker's connections hold the session at most this share of the time. */
const BACKGROUND_SHARE = 0.2;
// Pages count as being served while an interactive connection held or asked for the session this recently.
const INTERACTIVE_ACTIVE_MS = 250;
// A long worker statement (a VACUUM of a large table) buys no pause longer than this: the worker's leases run for
// minutes, and a page already waited for that statement.
const MAX_BACKGROUND_PAUSE_MS = 2_000;

type Priority = "interactive" | "background";

/**
 * One client connection at a time talks to PGlite, whose one thread runs every client's statements. Two classes:
 * interactive connections (the app's pages and API) and background ones (the worker), each FIFO.
 *
 * While pages are being served, the worker's connections get at most `share` of the session: after a worker cycle
 * that held it d ms, the next worker cycle waits d × (1 − share) ÷ share, even with the session free (pages arrive
 * every few milliseconds, so "free" only means between two of them). Once due, it goes ahead of waiting pages: the
 * worker is slowed, never stopped. When no page came for `INTERACTIVE_ACTIVE_MS`, the worker runs unbounded.
 * (Ordering alone, pages before the worker whenever both wait, changed nothing measurable: the worker took the session
 * in every gap between pages and kept the engine busy most of the time, `npm run bench:embedded`.)
 */
export class ConnectionLock {
  private interactive: Array<() => void> = [];
  private background: Array<() => void> = [];
  private holder: { priority: Priority; since: number } | null = null;
  private lastInteractive = -Infinity;
  private backgroundNotBefore = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly share = BACKGROUND_SHARE,
    private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = (run, ms) =>
      setTimeout(run, ms),
  ) {}

  async acquire(priority: Priority = "interactive"): Promise<void> {
    const now = this.now();
    if (priority === "interactive") this.lastInteractive = now;
    if (!this.holder && (priority === "interactive" || (this.background.length === 0 && this.backgroundMayGo(now)))) {
      this.holder = { priority, since: now };
      return;
    }
    await new Promise<void>((resolve) => {
      if (priority === "background") this.background.push(resolve);
      else this.interactive.push(resolve);
      if (!this.holder) this.wakeBackgroundLater(now);
    });
  }

  release(): void {
    const now = this.now();
    const held = this.holder;
    this.holder = null;
    if (held?.priority === "interactive") this.lastInteractive = now;
    if (held?.priority === "background" && this.pagesActive(now))
      this.backgroundNotBefore =
        now + Math.min(MAX_BACKGROUND_PAUSE_MS, ((now - held.since) * (1 - this.share)) / this.share);
    this.grantNext(now);
  }

  private pagesActive(now: number): boolean {
    return now - this.lastInteractive < INTERACTIVE_ACTIVE_MS;
  }

  private backgroundMayGo(now: number): boolean {
    return !this.pagesActive(now) || now >= this.backgroundNotBefore;
  }

  private grantNext(now: number): void {
    if (this.holder) return;
    if (this.background.length > 0 && this.backgroundMayGo(now))
      return this.grant("background", this.background.shift()!, now);
    const page = this.interactive.shift();
    if (page) return this.grant("interactive", page, now);
    this.wakeBackgroundLater(now);
  }

  private grant(priority: Priority, resume: () => void, now: number): void {
    this.holder = { priority, since: now };
    if (priority === "interactive") this.lastInteractive = now;
    resume();
  }

  /** With the session free and only the worker waiting in its pause: let it in when the pause or the pages end. */
  private wakeBackgroundLater(now: number): void {
    if (this.timer || this.background.length === 0) return;
    const at = Math.min(this.backgroundNotBefore, this.lastInteractive + INTERACTIVE_ACTIVE_MS);
    this.timer = this.schedule(
      () => {
        this.timer = null;
        this.grantNext(this.now());
      },
      Math.max(0, Math.ceil(at - now)),
    );
  }
}

/** The application_name of a start-up message (protocol 3: int32 length, int32 version, then name\0value\0 pairs). */
export function applicationNameOf(startup: Buffer): string | null {
  const parts = startup.subarray(8).toString("utf8").split("\0");
  for (let index = 0; index + 1 < parts.length; index += 2)
    if (parts[index] === "application_name") return parts[index + 1] ?? null;
  return null;
}

export interface PgliteWireServer {
  port: number;
  /** Each open connection: messages waiting for PGlite, bytes waiting for the client, whether it is held until the client reads. */
  connections(): Array<{ queuedMessages: number; bufferedBytes: number; waitingForDrain: boolean }>;
  close(): Promise<void>;
}

function authentication(code: number, data = ""): Buffer {
  const body = Buffer.from(data, "utf8");
  const message = Buffer.alloc(9 + body.length);
  message.write("R", 0);
  message.writeInt32BE(8 + body.length, 1);
  message.writeInt32BE(code, 5);
  body.copy(message, 9);
  return message;
}

/** A FATAL ErrorResponse, as PostgreSQL sends it before closing a connection it refused. */
export function fatalError(code: string, text: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0\0`, "utf8");
  const message = Buffer.alloc(5 + fields.length);
  message.write("E", 0);
  message.writeInt32BE(4 + fields.length, 1);
  fields.copy(message, 5);
  return message;
}

/** The SASL payload of a SASLInitialResponse (mechanism, then int32 length and data) or a SASLResponse (data). */
function saslPayload(message: Buffer, initial: boolean): { mechanism: string | null; data: string } | null {
  let at = 5;
  let mechanism: string | null = null;
  if (initial) {
    const end = message.indexOf(0, at);
    if (end < 0 || end + 5 > message.length) return null;
    mechanism = message.subarray(at, end).toString("utf8");
    const length = message.readInt32BE(end + 1);
    at = end + 5;
    if (length !== message.length - at) return null;
  }
  return { mechanism, data: message.subarray(at).toString("utf8") };
}

type Frame =
  | { kind: "message"; message: Buffer; type: number | null }
  | { kind: "reply"; bytes: string }
  | { kind: "end" }
  | { kind: "bad"; reason: string };

/** Cuts the next frame off the buffer, or returns null when it is not complete yet. Lengths are checked before use. */
function nextFrame(buffer: Buffer, started: boolean): { frame: Frame; rest: Buffer } | null {
  if (!started) {
    if (buffer.length < 4) return null;
    const length = buffer.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_LENGTH)
      return { frame: { kind: "bad", reason: `start-up length ${length}` }, rest: Buffer.alloc(0) };
    if (buffer.length < length) return null;
    const code = buffer.readInt32BE(4);
    const rest = buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { frame: { kind: "reply", bytes: "N" }, rest };
    if (code === CANCEL_REQUEST) return { frame: { kind: "end" }, rest };
    return { frame: { kind: "message", message: Buffer.from(buffer.subarray(0, length)), type: null }, rest };
  }
  if (buffer.length < 5) return null;
  const length = buffer.readInt32BE(1);
  if (length < 4 || length > MAX_MESSAGE_LENGTH)
    return { frame: { kind: "bad", reason: `message length ${length}` }, rest: Buffer.alloc(0) };
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
export async function servePgliteOverTcp(
  db: PGlite,
  /** password: asked of every client with SCRAM-SHA-256; null only where the caller wants none (protocol tests). */
  options: { host: string; port: number; backgroundShare?: number; password: string | null },
): Promise<PgliteWireServer> {
  const lock = new ConnectionLock(undefined, options.backgroundShare);
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
