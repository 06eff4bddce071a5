// Which client connection holds the embedded engine's one session next: the app's pages before the worker's
// background work, within a share of the time.

/** Connections whose application_name starts with this are background work (the worker): capped while pages are served. */
export const BACKGROUND_APPLICATION_PREFIX = "csa-worker";
/** While pages are being served, the worker's connections hold the session at most this share of the time. */
const BACKGROUND_SHARE = 0.2;
// Pages count as being served while an interactive connection held or asked for the session this recently.
const INTERACTIVE_ACTIVE_MS = 250;
// A long worker statement (a VACUUM of a large table) buys no pause longer than this: the worker's leases run for
// minutes, and a page already waited for that statement.
const MAX_BACKGROUND_PAUSE_MS = 2_000;

export type Priority = "interactive" | "background";

/**
 * One client connection at a time talks to PGlite, whose one thread runs every client's statements. Two classes:
 * interactive connections (the app's pages and API) and background ones (the worker), each FIFO.
 *
 * While pages are being served, the worker's connections get at most `share` of the session: after a worker cycle
 * that held it d ms, the next worker cycle waits d × (1 − share) ÷ share, even with the session free (pages arrive
 * every few milliseconds, so "free" only means between two of them). Once due, it goes ahead of waiting pages: the
 * worker is slowed, never stopped. When no page came for `INTERACTIVE_ACTIVE_MS`, the worker runs unbounded.
 * (Ordering alone, pages before the worker whenever both wait, changed nothing measurable: the worker took the session
 * in every gap between pages and kept the engine busy most of the time, `npm run bench:embedded`.)
 */
export class ConnectionLock {
  private interactive: Array<() => void> = [];
  private background: Array<() => void> = [];
  private holder: { priority: Priority; since: number } | null = null;
  private lastInteractive = -Infinity;
  private backgroundNotBefore = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly share = BACKGROUND_SHARE,
    private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = (run, ms) =>
      setTimeout(run, ms),
    private readonly activeMs = INTERACTIVE_ACTIVE_MS,
  ) {}

  async acquire(priority: Priority = "interactive"): Promise<void> {
    const now = this.now();
    if (priority === "interactive") this.lastInteractive = now;
    if (!this.holder && (priority === "interactive" || (this.background.length === 0 && this.backgroundMayGo(now)))) {
      this.holder = { priority, since: now };
      return;
    }
    await new Promise<void>((resolve) => {
      if (priority === "background") this.background.push(resolve);
      else this.interactive.push(resolve);
      if (!this.holder) this.wakeBackgroundLater(now);
    });
  }

  release(): void {
    const now = this.now();
    const held = this.holder;
    this.holder = null;
    if (held?.priority === "interactive") this.lastInteractive = now;
    if (held?.priority === "background" && this.pagesActive(now))
      this.backgroundNotBefore =
        now + Math.min(MAX_BACKGROUND_PAUSE_MS, ((now - held.since) * (1 - this.share)) / this.share);
    this.grantNext(now);
  }

  private pagesActive(now: number): boolean {
    return now - this.lastInteractive < this.activeMs;
  }

  private backgroundMayGo(now: number): boolean {
    return !this.pagesActive(now) || now >= this.backgroundNotBefore;
  }

  private grantNext(now: number): void {
    if (this.holder) return;
    if (this.background.length > 0 && this.backgroundMayGo(now))
      return this.grant("background", this.background.shift()!, now);
    const page = this.interactive.shift();
    if (page) return this.grant("interactive", page, now);
    this.wakeBackgroundLater(now);
  }

  private grant(priority: Priority, resume: () => void, now: number): void {
    this.holder = { priority, since: now };
    if (priority === "interactive") this.lastInteractive = now;
    resume();
  }

  /** With the session free and only the worker waiting in its pause: let it in when the pause or the pages end. */
  private wakeBackgroundLater(now: number): void {
    if (this.timer || this.background.length === 0) return;
    const at = Math.min(this.backgroundNotBefore, this.lastInteractive + this.activeMs);
    this.timer = this.schedule(
      () => {
        this.timer = null;
        this.grantNext(this.now());
      },
      Math.max(0, Math.ceil(at - now)),
    );
  }
}
