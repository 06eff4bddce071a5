import { describe, expect, it } from "vitest";
import { SlotPool } from "@/server/worker/slot-pool";

const feed = (providerKey: string, ownerId: string) => ({ providerKey, ownerId });

describe("the scheduler's slot pool", () => {
  it("lets a feed start while there is room overall, for its provider and for its owner", () => {
    const pool = new SlotPool({ total: 3, perProvider: 2, perOwner: 1 });
    pool.take(feed("airbnb.com", "host-a"));
    expect(pool.fits(feed("airbnb.com", "host-a"))).toBe(false);
    expect(pool.fits(feed("airbnb.com", "host-b"))).toBe(true);
    pool.take(feed("airbnb.com", "host-b"));
    expect(pool.fits(feed("airbnb.com", "host-c"))).toBe(false);
    expect(pool.fits(feed("booking.com", "host-c"))).toBe(true);
    pool.take(feed("booking.com", "host-c"));
    expect(pool.hasRoom()).toBe(false);
    expect(pool.fits(feed("vrbo.com", "host-d"))).toBe(false);
    expect(pool.used).toBe(3);
  });

  it("gives a slot back once, however often its release is called", () => {
    const pool = new SlotPool({ total: 2, perProvider: 2, perOwner: 2 });
    const release = pool.take(feed("airbnb.com", "host-a"));
    pool.take(feed("airbnb.com", "host-a"));
    release();
    release();
    expect(pool.used).toBe(1);
    expect(pool.fits(feed("airbnb.com", "host-a"))).toBe(true);
    pool.take(feed("airbnb.com", "host-a"));
    expect(pool.fits(feed("airbnb.com", "host-a"))).toBe(false);
  });

  it("frees the provider's and the owner's share with the slot", () => {
    const pool = new SlotPool({ total: 10, perProvider: 1, perOwner: 1 });
    const release = pool.take(feed("airbnb.com", "host-a"));
    expect(pool.fits(feed("airbnb.com", "host-b"))).toBe(false);
    expect(pool.fits(feed("booking.com", "host-a"))).toBe(false);
    release();
    expect(pool.fits(feed("airbnb.com", "host-b"))).toBe(true);
    expect(pool.fits(feed("booking.com", "host-a"))).toBe(true);
  });
});
