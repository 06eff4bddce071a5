export interface SlotLimits {
  /** Fetches in flight at once. */
  total: number;
  /** Fetches in flight per provider, so that one worker cannot flood a platform. */
  perProvider: number;
  /** Fetches in flight per listing owner, so that one host's slow feeds cannot hold the slots of others. */
  perOwner: number;
}

export interface SlotClaimant {
  providerKey: string;
  ownerId: string;
}

/** The scheduler's fetch slots: how many are in use, overall, per provider and per owner. */
export class SlotPool {
  private inUse = 0;
  private readonly byProvider = new Map<string, number>();
  private readonly byOwner = new Map<string, number>();

  constructor(private readonly limits: SlotLimits) {}

  get used(): number {
    return this.inUse;
  }

  hasRoom(): boolean {
    return this.inUse < this.limits.total;
  }

  /** Whether the feed may start now: a slot is free overall, for its provider and for its owner. */
  fits(feed: SlotClaimant): boolean {
    return (
      this.hasRoom() &&
      (this.byProvider.get(feed.providerKey) ?? 0) < this.limits.perProvider &&
      (this.byOwner.get(feed.ownerId) ?? 0) < this.limits.perOwner
    );
  }

  /** Takes a slot for the feed. The function returned gives it back; calling it again does nothing. */
  take(feed: SlotClaimant): () => void {
    this.inUse++;
    this.byProvider.set(feed.providerKey, (this.byProvider.get(feed.providerKey) ?? 0) + 1);
    this.byOwner.set(feed.ownerId, (this.byOwner.get(feed.ownerId) ?? 0) + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.inUse--;
      decrement(this.byProvider, feed.providerKey);
      decrement(this.byOwner, feed.ownerId);
    };
  }
}

// Owners are many: a key with nothing in flight leaves the map.
function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}
