import { describe, expect, it, vi } from "vitest";
import { ProviderHealthCache } from "@/server/worker/provider-health-cache";

/** A read the test answers by hand, to see what the cache does while one is in flight. */
function manualReads() {
  const pending: Array<(down: Set<string>) => void> = [];
  let started = 0;
  return {
    read: () => {
      started++;
      return new Promise<Set<string>>((resolve) => pending.push(resolve));
    },
    answer: async (down: string[]) => {
      pending.shift()!(new Set(down));
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    get started() {
      return started;
    },
  };
}

// A read starts after a timer (its spacing, zero here): wait for it rather than for a guessed delay.
const until = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true));
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("the provider-health cache", () => {
  it("reads at once, then answers from what it read", async () => {
    const reads = manualReads();
    const cache = new ProviderHealthCache({
      read: reads.read,
      spacingMs: 0,
      signal: new AbortController().signal,
      onError: () => {},
    });
    expect(cache.isDown("airbnb.com")).toBe(false);
    cache.refresh();
    await until(() => reads.started === 1);
    await reads.answer(["airbnb.com"]);
    expect(cache.isDown("airbnb.com")).toBe(true);
    expect(cache.isDown("booking.com")).toBe(false);
    await cache.close();
  });

  it("keeps one read in flight: refreshes asked for during it make exactly one more read after it", async () => {
    const reads = manualReads();
    const cache = new ProviderHealthCache({
      read: reads.read,
      spacingMs: 0,
      signal: new AbortController().signal,
      onError: () => {},
    });
    cache.refresh();
    await until(() => reads.started === 1);
    for (let i = 0; i < 100; i++) cache.refresh();
    await settle();
    expect(reads.started).toBe(1);
    await reads.answer([]);
    await until(() => reads.started === 2);
    await reads.answer(["vrbo.com"]);
    await settle();
    expect(reads.started).toBe(2);
    expect(cache.isDown("vrbo.com")).toBe(true);
    await cache.close();
  });

  it("keeps what it knew when a read fails, and reports the error", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const cache = new ProviderHealthCache({
      read: async () => {
        calls++;
        if (calls === 2) throw new Error("database unreachable");
        return new Set(["airbnb.com"]);
      },
      spacingMs: 0,
      signal: new AbortController().signal,
      onError: (error) => errors.push(error),
    });
    cache.refresh();
    await until(() => cache.isDown("airbnb.com"));
    cache.refresh();
    await until(() => errors.length === 1);
    expect(cache.isDown("airbnb.com")).toBe(true);
    await cache.close();
  });

  it("starts no read once closed, and closing ends the pause before one without waiting it out", async () => {
    const reads = manualReads();
    const cache = new ProviderHealthCache({
      read: reads.read,
      spacingMs: 3_600_000,
      signal: new AbortController().signal,
      onError: () => {},
    });
    cache.refresh();
    await until(() => reads.started === 1);
    await reads.answer([]);
    // The next read would wait an hour for its spacing: closing must not.
    cache.refresh();
    await cache.close();
    cache.refresh();
    await settle();
    expect(reads.started).toBe(1);
  });
});
