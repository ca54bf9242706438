import type { KeyActor } from './actor';

/** How long a key's lookup is reused by default, and how many keys a process remembers. */
export const DEFAULT_KEY_CACHE_MS = 5000;
const MAX_CACHED_KEYS = 10_000;

/**
 * API keys this process has looked up lately, by secret hash, each for `ttlMs` after its lookup:
 * the lookup costs a query, and a money-moving request has few to spare. Only keys that were valid
 * are kept (an unknown or revoked key is looked up every time, and counted as a failure).
 *
 * Revocation: `revoked()` forgets a key at once, in this process, and refuses to keep any lookup
 * that was already under way (it may have read the key before the revocation committed). A key
 * revoked by another process is refused here at most `ttlMs` after the revocation committed.
 */
export class KeyCache {
  private readonly entries = new Map<string, { actor: KeyActor; until: number }>();
  private revocations = 0;

  constructor(private readonly ttlMs: number = DEFAULT_KEY_CACHE_MS) {}

  /** The actor remembered for this secret hash, if its lookup is younger than the TTL at `now`. */
  get(secretHash: string, now: number): KeyActor | undefined {
    const entry = this.entries.get(secretHash);
    if (!entry) return undefined;
    if (entry.until > now) return { ...entry.actor };
    this.entries.delete(secretHash);
    return undefined;
  }

  /** Taken before a lookup, handed to `remember`: a revocation in between voids the lookup. */
  ticket(): number {
    return this.revocations;
  }

  remember(secretHash: string, actor: KeyActor, now: number, ticket: number): void {
    if (this.ttlMs <= 0 || ticket !== this.revocations) return;
    this.entries.delete(secretHash);
    if (this.entries.size >= MAX_CACHED_KEYS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(secretHash, { actor, until: now + this.ttlMs });
  }

  revoked(keyId: string): void {
    this.revocations += 1;
    for (const [hash, entry] of this.entries) if (entry.actor.keyId === keyId) this.entries.delete(hash);
  }
}
