import { sleep } from "./sleep";

export interface ProviderHealthCacheOptions {
  /** Reads the providers under an open incident now. */
  read: () => Promise<Set<string>>;
  /** The least time between two reads. */
  spacingMs: number;
  /** The worker's shutdown: no read is asked for again after it. */
  signal: AbortSignal;
  onError: (error: unknown) => void;
}

/**
 * The providers under an open incident, as the scheduler last read them: a feed queued before its provider's incident
 * opened is given back unfetched. Read again after each claim and each failure (a failure is what opens an
 * incident). During an outage failures come by the hundred a second, so reads are at most one in flight and
 * `spacingMs` apart; a refresh asked for during a read gets one more read after it, however many were asked.
 */
export class ProviderHealthCache {
  private down = new Set<string>();
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private lastReadAt = 0;
  // Closing ends the pause before a read too: a one-pass run would otherwise wait it out, up to spacingMs.
  private readonly closed = new AbortController();
  private readonly pause: AbortSignal;

  constructor(private readonly options: ProviderHealthCacheOptions) {
    this.pause = AbortSignal.any([options.signal, this.closed.signal]);
  }

  isDown(providerKey: string): boolean {
    return this.down.has(providerKey);
  }

  /** Asks for a fresh read: now, or after the spacing, or after the read in flight. Never throws. */
  refresh(): void {
    if (this.closed.signal.aborted) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = sleep(Math.max(0, this.lastReadAt + this.options.spacingMs - Date.now()), this.pause)
      .then(async () => {
        if (this.closed.signal.aborted) return;
        this.lastReadAt = Date.now();
        this.down = await this.options.read();
      })
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.reading = null;
        if (this.readAgain && !this.options.signal.aborted) {
          this.readAgain = false;
          this.refresh();
        }
      });
  }

  /** No read starts after this; resolves once the one in flight has ended. */
  async close(): Promise<void> {
    this.closed.abort();
    await this.reading;
  }
}
