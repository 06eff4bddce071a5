interface Waiting<I, R> {
  item: I;
  resolve(result: R | null): void;
  reject(error: unknown): void;
}

/**
 * Group commit in the worker: items submitted while a statement is in flight wait and go together in the next one.
 * An idle worker writes at once (no timer, no added delay); a busy one writes many syncs per commit instead of one
 * per sync, which is what bounded it (each commit waits for its WAL flush). One statement in flight at a time.
 * `write` answers for the items it applied, by key; an item it left out resolves to null. If a batch fails, each of
 * its items is retried alone, so one bad item cannot fail the syncs that shared its statement.
 */
export class StatementBatcher<I, R> {
  private readonly waiting: Array<Waiting<I, R>> = [];
  private flushing = false;

  constructor(
    private readonly write: (items: I[]) => Promise<Map<string, R>>,
    private readonly keyOf: (item: I) => string,
    private readonly weightOf: (item: I) => number,
    private readonly maxWeight: number,
  ) {}

  submit(item: I): Promise<R | null> {
    return new Promise<R | null>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // The syncs that finish in this turn of the event loop join the first statement.
        setImmediate(() => void this.flush());
      }
    });
  }

  private takeBatch(): Array<Waiting<I, R>> {
    let weight = 0;
    let count = 0;
    while (count < this.waiting.length) {
      const next = this.weightOf(this.waiting[count]!.item);
      if (count > 0 && weight + next > this.maxWeight) break;
      weight += next;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.takeBatch();
        try {
          const results = await this.write(batch.map((entry) => entry.item));
          for (const entry of batch) entry.resolve(results.get(this.keyOf(entry.item)) ?? null);
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const entry of batch) {
            try {
              const results = await this.write([entry.item]);
              entry.resolve(results.get(this.keyOf(entry.item)) ?? null);
            } catch (itemError) {
              entry.reject(itemError);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
