// A small time-limited cache of lookups in flight or done; a lookup that fails is forgotten at once.

interface Entry<V> {
  readonly value: Promise<V>;
  readonly expiresAt: number;
}

/**
 * Keeps each lookup's promise for `ttlMs`, so concurrent and repeated questions within a turn cost one Graph call.
 * A rejected lookup is removed as soon as it fails: an outage is never remembered as "no such user" or "no roles".
 * Bounded by `maxEntries` (the oldest entry goes first), so a busy bot cannot grow it without limit.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 5_000,
  ) {}

  /** The cached value for `key`, or the result of `load()`, which is cached when it succeeds. */
  get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const at = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > at) return cached.value;
    this.entries.delete(key);
    const value = load();
    const entry = { value, expiresAt: at + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Stores a value found another way (a user found by sign-in name is also cached by id). */
  set(key: string, value: V): void {
    if (this.ttlMs <= 0) return;
    this.entries.set(key, { value: Promise.resolve(value), expiresAt: this.now() + this.ttlMs });
  }
}
