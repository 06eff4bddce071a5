import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** FIFO lock: one client connection at a time talks to PGlite. */
class ConnectionLock {
  private waiting: Array<() => void> = [];
  private held = false;

  async acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

export interface PgliteWireServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves one PGlite instance over the PostgreSQL wire protocol to several client connections.
 * PGlite has a single session, so a connection holds it from its first message until a protocol cycle
 * ends (Sync or a simple Query) outside a transaction. @electric-sql/pglite-socket 0.2.17 interleaves
 * clients message by message, which breaks node-postgres' extended protocol under concurrency
 * ("unnamed prepared statement does not exist", results crossing connections): measured here.
 */
export async function servePgliteOverTcp(db: PGlite, options: { host: string; port: number }): Promise<PgliteWireServer> {
  const lock = new ConnectionLock();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    let holding = false;
    let chain: Promise<void> = Promise.resolve();

    const releaseIfHeld = async () => {
      if (!holding) return;
      if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => undefined);
      holding = false;
      lock.release();
    };

    const handle = async (message: Buffer, type: number | null) => {
      if (socket.destroyed) return;
      if (!holding) {
        await lock.acquire();
        holding = true;
      }
      await db.runExclusive(() =>
        db.execProtocolRawStream(new Uint8Array(message), {
          onRawData: (data: Uint8Array) => {
            if (socket.writable) socket.write(Buffer.from(data));
          },
        }),
      );
      if ((type === null || type === SYNC || type === QUERY) && !db.isInTransaction()) {
        holding = false;
        lock.release();
      }
    };

    socket.on("data", (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const messages: Array<[Buffer, number | null]> = [];
      for (;;) {
        if (!started) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            break;
          }
          started = true;
          messages.push([Buffer.from(message), null]);
          continue;
        }
        if (buffer.length < 5) break;
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) break;
        const type = buffer[0]!;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (type === TERMINATE) {
          socket.end();
          break;
        }
        messages.push([Buffer.from(message), type]);
      }
      for (const [message, type] of messages) {
        chain = chain.then(() => handle(message, type)).catch(async () => {
          await releaseIfHeld();
          socket.destroy();
        });
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      sockets.delete(socket);
      chain = chain.then(releaseIfHeld);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
