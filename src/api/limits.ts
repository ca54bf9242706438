/*
 * In-memory limits of one process (Node) or one isolate (Workers, where each isolate keeps its
 * own: docs/security.md). Both are bounded in memory whatever the traffic.
 */

/** Failures per client within a fixed window; a client at the limit is refused until the window ends. */
export class FailureWindow {
  private readonly counts = new Map<string, { failures: number; resetsAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxClients = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds until `client` may try again, or 0 when it may now. */
  retryAfter(client: string): number {
    const entry = this.counts.get(client);
    const now = this.clock();
    if (!entry || entry.resetsAt <= now) return 0;
    return entry.failures >= this.limit ? Math.ceil((entry.resetsAt - now) / 1000) : 0;
  }

  fail(client: string): void {
    const now = this.clock();
    let entry = this.counts.get(client);
    if (!entry || entry.resetsAt <= now) {
      this.counts.delete(client);
      // Full: forget the oldest client (insertion order), never grow without bound.
      if (this.counts.size >= this.maxClients) this.counts.delete(this.counts.keys().next().value!);
      entry = { failures: 0, resetsAt: now + this.windowMs };
      this.counts.set(client, entry);
    }
    entry.failures++;
  }
}

/** At most `global` holders at once, and at most `perHolder` for any one holder. */
export class ConcurrencySlots {
  private total = 0;
  private readonly byHolder = new Map<string, number>();

  constructor(
    readonly global: number,
    readonly perHolder: number,
  ) {}

  /** A release function, or undefined when no slot is free (for this holder or at all). */
  tryAcquire(holder: string): (() => void) | undefined {
    const mine = this.byHolder.get(holder) ?? 0;
    if (this.total >= this.global || mine >= this.perHolder) return undefined;
    this.total++;
    this.byHolder.set(holder, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byHolder.get(holder) ?? 1) - 1;
      if (left === 0) this.byHolder.delete(holder);
      else this.byHolder.set(holder, left);
    };
  }

  get inUse(): number {
    return this.total;
  }
}
