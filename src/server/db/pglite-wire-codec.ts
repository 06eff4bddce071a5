// The PostgreSQL wire protocol as the embedded server speaks it: the frames it cuts from a client's bytes, and the
// few messages it writes itself (authentication, a fatal error). No socket here: pglite-wire-server.ts handles the
// connections.

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
export const SYNC = 0x53; // 'S'
export const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
export const PASSWORD = 0x70; // 'p': SASLInitialResponse and SASLResponse
export const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

// PostgreSQL caps a start-up packet at 10,000 bytes; other messages get a generous cap of our own.
const MAX_STARTUP_LENGTH = 10_000;
export const MAX_MESSAGE_LENGTH = 64 * 1024 * 1024;

/** The application_name of a start-up message (protocol 3: int32 length, int32 version, then name\0value\0 pairs). */
export function applicationNameOf(startup: Buffer): string | null {
  const parts = startup.subarray(8).toString("utf8").split("\0");
  for (let index = 0; index + 1 < parts.length; index += 2)
    if (parts[index] === "application_name") return parts[index + 1] ?? null;
  return null;
}

export function authentication(code: number, data = ""): Buffer {
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
export function saslPayload(message: Buffer, initial: boolean): { mechanism: string | null; data: string } | null {
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

export type Frame =
  | { kind: "message"; message: Buffer; type: number | null }
  | { kind: "reply"; bytes: string }
  | { kind: "end" }
  | { kind: "bad"; reason: string };

/** Cuts the next frame off the buffer, or returns null when it is not complete yet. Lengths are checked before use. */
export function nextFrame(buffer: Buffer, started: boolean): { frame: Frame; rest: Buffer } | null {
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
