/**
 * Counts the unknown tokens each address asks for, per minute, in this process: past the limit the address gets 429
 * without a database lookup. Guessing a 32-byte token is pointless; this only keeps a scanner from costing a query
 * per guess. At most `maxAddresses` are tracked (the oldest minute's entries go first), so a flood of addresses
 * cannot grow it without bound.
 */
export class UnknownTokenLimiter {
  private minute = -1;
  private counts = new Map<string, number>();

  constructor(
    private readonly perMinute: () => number,
    private readonly maxAddresses = 100_000,
  ) {}

  private roll(now: Date) {
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
  }

  /** True when the address has used up its unknown tokens this minute. */
  isBlocked(address: string, now: Date): boolean {
    this.roll(now);
    return (this.counts.get(address) ?? 0) >= this.perMinute();
  }

  /** One more unknown token from the address. */
  count(address: string, now: Date): void {
    this.roll(now);
    if (!this.counts.has(address) && this.counts.size >= this.maxAddresses) return;
    this.counts.set(address, (this.counts.get(address) ?? 0) + 1);
  }
}
