// Read-modify-write of one record: an in-process lock, then compare-and-set with retries across processes.

import { StoreContentionError, type AtomicStore, type Versioned } from './atomicStore.js';
import { KeyedMutex } from './keyedMutex.js';

/** What an update callback decides: write a new value (or not) and what to return to the caller. */
export type Change<T, R> = { readonly write: T; readonly result: R } | { readonly result: R };

/** Options for {@link Records}. */
export interface RecordsOptions {
  /** How many compare-and-set rounds before giving up; each round re-reads the record. */
  readonly maxAttempts?: number;
}

/**
 * The one way the domain changes a record. The callback sees the current value and is re-run on a fresh read
 * whenever another process wrote first, so its decision is always made on the latest state.
 */
export class Records {
  private readonly locks = new KeyedMutex();
  private readonly maxAttempts: number;

  constructor(
    readonly store: AtomicStore,
    options: RecordsOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 200;
  }

  /** The current value, or undefined. */
  async read<T>(key: string): Promise<T | undefined> {
    return (await this.store.get<T>(key))?.value;
  }

  /** The current value with its version. */
  async readVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.store.get<T>(key);
  }

  /** Creates the record when absent; returns false when it already existed. */
  async create<T>(key: string, value: T): Promise<boolean> {
    return this.locks.run(key, () => this.store.insertIfAbsent(key, value));
  }

  /**
   * Applies `decide` to the current value (undefined when there is none) and writes its result atomically.
   * `decide` must be pure: it may run several times.
   */
  async update<T, R>(key: string, decide: (current: T | undefined) => Change<T, R>): Promise<R> {
    return this.locks.run(key, async () => {
      for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
        const current = await this.store.get<T>(key);
        const change = decide(current?.value);
        if (!('write' in change)) return change.result;
        const written = current
          ? await this.store.compareAndSet(key, current.version, change.write)
          : await this.store.insertIfAbsent(key, change.write);
        if (written) return change.result;
        await backoff(attempt);
      }
      throw new StoreContentionError(key, this.maxAttempts);
    });
  }

  /** The members of a set record (an index), in insertion order. */
  async readSet(key: string): Promise<string[]> {
    return [...((await this.read<StringSet>(key))?.members ?? [])];
  }

  /** Adds a member to a set record; no write when it is there already. */
  async addToSet(key: string, member: string): Promise<void> {
    await this.update<StringSet, void>(key, (current) => {
      const members = current?.members ?? [];
      if (members.includes(member)) return { result: undefined };
      return { write: { members: [...members, member] }, result: undefined };
    });
  }

  /** Removes a member from a set record; no write when it is absent. */
  async removeFromSet(key: string, member: string): Promise<void> {
    await this.update<StringSet, void>(key, (current) => {
      const members = current?.members ?? [];
      if (!members.includes(member)) return { result: undefined };
      return { write: { members: members.filter((m) => m !== member) }, result: undefined };
    });
  }

  /** Deletes the record if `shouldDelete` still holds on the latest version. */
  async deleteWhen<T>(key: string, shouldDelete: (current: T) => boolean): Promise<boolean> {
    return this.locks.run(key, async () => {
      for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
        const current = await this.store.get<T>(key);
        if (!current || !shouldDelete(current.value)) return false;
        if (await this.store.deleteIfVersion(key, current.version)) return true;
        await backoff(attempt);
      }
      throw new StoreContentionError(key, this.maxAttempts);
    });
  }
}

/** The record behind a set of strings (an index of ids). */
interface StringSet {
  readonly members: readonly string[];
}

/** A short, jittered pause so two processes that collided do not collide again in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 * attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
