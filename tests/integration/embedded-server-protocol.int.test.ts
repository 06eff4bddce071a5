import net from "node:net";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { servePgliteOverTcp, type PgliteWireServer } from "@/server/db/pglite-wire-server";

// The embedded database server as a hostile or broken client sees it: raw sockets, then a normal client after.
let instance: PGlite;
let server: PgliteWireServer;
let url: string;

beforeAll(async () => {
  instance = await PGlite.create();
  server = await servePgliteOverTcp(instance, { host: "127.0.0.1", port: 0, password: null });
  url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
});
afterAll(async () => {
  await server.close();
  await instance.close();
});

function startupMessage(): Buffer {
  const body = Buffer.from("user\0postgres\0database\0postgres\0\0", "latin1");
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(196608, 4);
  return Buffer.concat([header, body]);
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

const query = (sql: string) => message("Q", Buffer.from(`${sql}\0`, "utf8"));

/** A raw connection, started up: the server has answered ReadyForQuery. */
async function rawClient(): Promise<{ socket: net.Socket; received: () => Buffer }> {
  const socket = net.connect({ host: "127.0.0.1", port: server.port });
  await once(socket, "connect");
  let data = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  socket.write(startupMessage());
  while (!data.includes(Buffer.from([0x5a, 0, 0, 0, 5]))) await new Promise((resolve) => setTimeout(resolve, 5));
  return { socket, received: () => data };
}

async function closedByServer(socket: net.Socket): Promise<void> {
  if (!socket.destroyed) await once(socket, "close");
}

async function queryOnce<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("embedded database server: broken frames", () => {
  it("drops a connection whose message length is -1, and keeps answering the others", async () => {
    const { socket } = await rawClient();
    socket.write(Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff]));
    await closedByServer(socket);
    expect(await queryOnce<{ n: number }>("select 1 as n")).toEqual([{ n: 1 }]);
  });

  it("drops a zero-length start-up frame", async () => {
    const socket = net.connect({ host: "127.0.0.1", port: server.port });
    await once(socket, "connect");
    socket.write(Buffer.alloc(8));
    await closedByServer(socket);
    expect(await queryOnce<{ n: number }>("select 2 as n")).toEqual([{ n: 2 }]);
  });

  it("drops a message announcing more than the size cap instead of buffering it", async () => {
    const { socket } = await rawClient();
    socket.write(Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff]));
    await closedByServer(socket);
    expect(await queryOnce<{ n: number }>("select 3 as n")).toEqual([{ n: 3 }]);
  });
});

describe("embedded database server: a client that leaves hands over a clean session", () => {
  it("closes the protocol cycle of a client whose Parse failed and who left before Sync", async () => {
    const { socket } = await rawClient();
    const parse = message("P", Buffer.concat([Buffer.from("\0selec broken syntax\0", "utf8"), Buffer.from([0, 0])]));
    socket.write(parse);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query("select $1::int as n", [42])).rows).toEqual([{ n: 42 }]);
      expect((await client.query("select 'after' as s")).rows).toEqual([{ s: "after" }]);
    } finally {
      await client.end();
    }
  });

  it("resets the settings and temporary tables of a client that disconnected", async () => {
    const first = new pg.Client({ connectionString: url });
    await first.connect();
    await first.query("set time zone 'Asia/Tokyo'");
    await first.query("create temp table left_behind (x int)");
    await first.end();
    const [zone] = await queryOnce<{ TimeZone: string }>("show time zone");
    expect(zone!.TimeZone).not.toBe("Asia/Tokyo");
    expect(await queryOnce<{ t: string | null }>("select to_regclass('pg_temp.left_behind')::text as t")).toEqual([
      { t: null },
    ]);
  });
});

describe("embedded database server: backpressure", () => {
  it("runs nothing more for a client that does not read, and lets the others through meanwhile", async () => {
    const { socket, received } = await rawClient();
    socket.pause();
    const big = "select repeat('x', 1000000) from generate_series(1, 8)";
    socket.write(Buffer.concat([query(big), query(big), query(big), query(big)]));
    const deadline = Date.now() + 10_000;
    while (!server.connections().some((connection) => connection.waitingForDrain) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const held = server.connections().find((connection) => connection.waitingForDrain);
    expect(held).toBeDefined();
    // At most one result (8 MB) waits in memory for this client, not four.
    expect(held!.bufferedBytes).toBeLessThan(2 * 8 * 1_000_000);
    expect(held!.queuedMessages).toBeGreaterThan(0);
    expect(await queryOnce<{ n: number }>("select 4 as n")).toEqual([{ n: 4 }]);
    socket.resume();
    // Once it reads, it gets every result: four CommandComplete "SELECT 8", the last one followed by ReadyForQuery.
    const completed = () => received().toString("latin1").split("SELECT 8\0").length - 1;
    while (completed() < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completed()).toBe(4);
    expect(received().subarray(-6).toString("latin1")).toBe("Z\0\0\0\u0005I");
    socket.destroy();
  });
});
