import { describe, expect, it } from "vitest";
import { applicationNameOf, ConnectionLock } from "@/server/db/pglite-wire-server";

/** A fake clock and timers: time moves only when a holder works or when nothing can run but a timer. */
function harness(share = 0.2) {
  let clock = 0;
  const timers: Array<{ at: number; run: () => void }> = [];
  const lock = new ConnectionLock(
    () => clock,
    share,
    (run, ms) => {
      timers.push({ at: clock + ms, run });
      return 0 as unknown as ReturnType<typeof setTimeout>;
    },
  );
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    lock,
    now: () => clock,
    work: (ms: number) => {
      clock += ms;
    },
    settle,
    /** Runs the timers due by now. */
    async fireDueTimers() {
      for (const timer of timers.filter((t) => t.at <= clock)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
        await settle();
      }
    },
    /** Runs the earliest timer, moving the clock to it; false when none is left. */
    async fireTimer() {
      timers.sort((a, b) => a.at - b.at);
      const timer = timers.shift();
      if (!timer) return false;
      clock = Math.max(clock, timer.at);
      timer.run();
      await settle();
      return true;
    },
  };
}

/** Clients that ask for the session again as soon as they release it, for `untilMs` of simulated time. */
async function saturate(
  h: ReturnType<typeof harness>,
  clients: Array<{ name: string; priority: "interactive" | "background"; holdMs: number }>,
  untilMs: number,
) {
  const held = new Map<string, number>();
  const order: string[] = [];
  let running = clients.length;
  const loops = clients.map(async ({ name, priority, holdMs }) => {
    while (h.now() < untilMs) {
      await h.lock.acquire(priority);
      order.push(name);
      h.work(holdMs);
      held.set(priority, (held.get(priority) ?? 0) + holdMs);
      h.lock.release();
      await h.settle();
    }
    running--;
  });
  while (running > 0) {
    await h.settle();
    if (running > 0 && !(await h.fireTimer())) await h.settle();
  }
  await Promise.all(loops);
  return { order, held };
}

describe("the embedded server's connection lock", () => {
  it("gives the worker at most its share of the session while pages keep coming: slowed, never stopped", async () => {
    const h = harness(0.2);
    const pages = Array.from({ length: 10 }, (_, index) => ({
      name: `page-${index}`,
      priority: "interactive" as const,
      holdMs: 1,
    }));
    const workers = Array.from({ length: 4 }, (_, index) => ({
      name: `worker-${index}`,
      priority: "background" as const,
      holdMs: 6,
    }));
    const { held } = await saturate(h, [...workers, ...pages], 3_000);
    const share = held.get("background")! / (held.get("background")! + held.get("interactive")!);
    expect(share).toBeLessThanOrEqual(0.21);
    expect(share).toBeGreaterThan(0.15);
  });

  it("lets the worker run back to back when no page has come for a while", async () => {
    const h = harness(0.2);
    await h.lock.acquire("interactive");
    h.work(1);
    h.lock.release();
    h.work(300);
    const { held, order } = await saturate(h, [{ name: "worker", priority: "background", holdMs: 5 }], 400);
    expect(order).toHaveLength(20);
    expect(held.get("background")).toBe(100);
    expect(h.now()).toBe(401);
  });

  it("lets a worker waiting in its pause in when the pause ends, though the session was free all along", async () => {
    const h = harness(0.25);
    await h.lock.acquire("interactive");
    h.work(1);
    h.lock.release();
    await h.lock.acquire("background");
    h.work(10);
    h.lock.release(); // pages were served 10 ms ago: the worker pauses 10 × 0.75 ÷ 0.25 = 30 ms
    let granted = false;
    const next = h.lock.acquire("background").then(() => (granted = true));
    await h.settle();
    expect(granted).toBe(false);
    // A page asking meanwhile goes at once.
    await h.lock.acquire("interactive");
    h.lock.release();
    await h.settle();
    expect(granted).toBe(false);
    expect(await h.fireTimer()).toBe(true);
    await next;
    expect(h.now()).toBe(41);
  });

  it("pauses the worker at most 2 s after a long statement", async () => {
    const h = harness(0.2);
    await h.lock.acquire("interactive");
    h.lock.release();
    await h.lock.acquire("background");
    h.work(10_000);
    const page = h.lock.acquire("interactive"); // a page waited for it
    h.lock.release();
    await page;
    h.lock.release();
    let grantedAt = -1;
    const next = h.lock.acquire("background").then(() => (grantedAt = h.now()));
    // Pages keep coming every 100 ms.
    while (grantedAt < 0 && h.now() < 20_000) {
      h.work(100);
      await h.fireDueTimers();
      if (grantedAt >= 0) break;
      await h.lock.acquire("interactive");
      h.lock.release();
      await h.settle();
    }
    await next;
    expect(grantedAt).toBe(12_000);
  });

  it("serves waiting pages before a worker in its pause, each class in order", async () => {
    const h = harness(0.2);
    await h.lock.acquire("interactive");
    h.lock.release();
    await h.lock.acquire("background");
    h.work(5);
    const order: string[] = [];
    const wait = (name: string, priority: "interactive" | "background") =>
      h.lock.acquire(priority).then(() => order.push(name));
    const all = [
      wait("worker-1", "background"),
      wait("worker-2", "background"),
      wait("page-1", "interactive"),
      wait("page-2", "interactive"),
    ];
    for (let index = 0; index < 4; index++) {
      h.lock.release();
      await h.settle();
      if (order.length === index) await h.fireTimer();
      h.work(1);
    }
    await Promise.all(all);
    expect(order).toEqual(["page-1", "page-2", "worker-1", "worker-2"]);
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
