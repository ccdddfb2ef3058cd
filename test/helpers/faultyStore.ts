// An AtomicStore that fails chosen calls on purpose, to test what the domain does when its store breaks mid-way.

import {
  StoreUnavailableError,
  type AtomicStore,
  type Versioned,
} from '../../services/store/atomicStore.js';

/** The store calls a fault can hit. */
export type StoreOperation = 'get' | 'insertIfAbsent' | 'compareAndSet' | 'deleteIfVersion';

/** One planned failure. */
export interface Fault {
  readonly operation: StoreOperation;
  /** Which calls fail, by key and (for writes) the value being written; the rest pass through. */
  readonly match: (key: string, value?: unknown) => boolean;
  /**
   * `before`: the call never reaches the backend, as when the connection is gone. `after`: the write lands but
   * its answer is lost, as when the connection drops between the server's commit and its reply.
   */
  readonly when?: 'before' | 'after';
  /** How many matching calls fail before the fault clears itself; 1 unless told. */
  readonly times?: number;
}

/** Wraps a real store; calls that match an injected fault throw what a failing backend throws. */
export class FaultyStore implements AtomicStore {
  private faults: Array<Fault & { remaining: number }> = [];
  /** The calls that were failed on purpose, as "operation key". */
  readonly failed: string[] = [];

  constructor(private readonly inner: AtomicStore) {}

  get backend(): AtomicStore['backend'] {
    return this.inner.backend;
  }

  /** Plans a failure; several can be planned at once. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** Clears every planned failure that has not happened yet. */
  heal(): void {
    this.faults = [];
  }

  get<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.call('get', key, undefined, () => this.inner.get<T>(key));
  }

  insertIfAbsent<T>(key: string, value: T): Promise<boolean> {
    return this.call('insertIfAbsent', key, value, () => this.inner.insertIfAbsent(key, value));
  }

  compareAndSet<T>(key: string, expectedVersion: number, value: T): Promise<boolean> {
    return this.call('compareAndSet', key, value, () =>
      this.inner.compareAndSet(key, expectedVersion, value),
    );
  }

  deleteIfVersion(key: string, expectedVersion: number): Promise<boolean> {
    return this.call('deleteIfVersion', key, undefined, () =>
      this.inner.deleteIfVersion(key, expectedVersion),
    );
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async call<R>(
    operation: StoreOperation,
    key: string,
    value: unknown,
    pass: () => Promise<R>,
  ): Promise<R> {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && f.operation === operation && f.match(key, value),
    );
    if (!fault) return pass();
    fault.remaining -= 1;
    this.failed.push(`${operation} ${key}`);
    if (fault.when === 'after') await pass();
    throw new StoreUnavailableError(`${operation} ${key}`, new Error('fault injected by the test'));
  }
}
