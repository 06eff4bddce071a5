import { describe, expect, it } from "vitest";
import { applicationNameOf, ConnectionLock } from "@/server/db/pglite-wire-server";

describe("the embedded server's connection lock", () => {
  it("serves waiting interactive connections before the worker's, each class in order", async () => {
    const lock = new ConnectionLock(() => 0);
    await lock.acquire();
    const order: string[] = [];
    const wait = (name: string, priority: "interactive" | "background") => lock.acquire(priority).then(() => order.push(name));
    const all = [wait("worker-1", "background"), wait("worker-2", "background"), wait("page-1", "interactive"), wait("page-2", "interactive")];
    for (let index = 0; index < 4; index++) {
      lock.release();
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(order).toEqual(["page-1", "page-2", "worker-1", "worker-2"]);
  });

  it("lets the worker in once it has waited 50 ms, however many pages wait: slowed, never stopped", async () => {
    let clock = 0;
    const lock = new ConnectionLock(() => clock, 50);
    await lock.acquire();
    const order: string[] = [];
    const worker = lock.acquire("background").then(() => order.push("worker"));
    const pages = Array.from({ length: 6 }, (_, index) => lock.acquire("interactive").then(() => order.push(`page-${index}`)));
    for (let index = 0; index < 7; index++) {
      // Each page's cycle takes 20 ms: after the third, the worker has waited 60 ms.
      clock += 20;
      lock.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([worker, ...pages]);
    expect(order).toEqual(["page-0", "page-1", "worker", "page-2", "page-3", "page-4", "page-5"]);
  });

  it("lets one worker connection ahead of waiting pages per window, not all of them at once", async () => {
    let clock = 0;
    const lock = new ConnectionLock(() => clock, 50);
    await lock.acquire();
    const order: string[] = [];
    const workers = ["worker-a", "worker-b"].map((name) => lock.acquire("background").then(() => order.push(name)));
    const pages = Array.from({ length: 4 }, (_, index) => lock.acquire("interactive").then(() => order.push(`page-${index}`)));
    clock = 100;
    for (let index = 0; index < 6; index++) {
      lock.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([...workers, ...pages]);
    // Both workers have waited 100 ms: the first goes, the second waits its window behind the pages.
    expect(order).toEqual(["worker-a", "page-0", "page-1", "page-2", "page-3", "worker-b"]);
  });

  it("reads application_name from a start-up message", () => {
    const body = Buffer.from("user\0postgres\0database\0postgres\0application_name\0csa-worker\0\0", "utf8");
    const header = Buffer.alloc(8);
    header.writeInt32BE(8 + body.length, 0);
    header.writeInt32BE(196608, 4);
    expect(applicationNameOf(Buffer.concat([header, body]))).toBe("csa-worker");
    expect(applicationNameOf(Buffer.concat([header, Buffer.from("user\0postgres\0\0")]))).toBeNull();
  });
});
