// The store port: what the domain needs from persistence, including the two atomic operations keyv lacks.

/** A stored record and the version it was read at; every successful write raises the version by one. */
export interface Versioned<T> {
  readonly version: number;
  readonly value: T;
}

/** The backends `STORE_URL` can choose. */
export type StoreBackend = 'memory' | 'sqlite' | 'redis' | 'postgres';

/**
 * Persistence for the domain. Reads go through keyv; the two writes are atomic in the backend itself, so two bot
 * instances sharing one store cannot overwrite each other's changes.
 */
export interface AtomicStore {
  readonly backend: StoreBackend;
  /** The record under `key`, or undefined when there is none. A failing store throws; it never reads as absent. */
  get<T>(key: string): Promise<Versioned<T> | undefined>;
  /** Writes `value` at version 1 when `key` holds nothing; false when it already exists. */
  insertIfAbsent<T>(key: string, value: T): Promise<boolean>;
  /** Replaces the record when it is still at `expectedVersion`; false when someone else wrote first. */
  compareAndSet<T>(key: string, expectedVersion: number, value: T): Promise<boolean>;
  /** Removes the record when it is still at `expectedVersion`; false otherwise. */
  deleteIfVersion(key: string, expectedVersion: number): Promise<boolean>;
  /** A cheap round trip for health checks; throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Raised when the backend fails. The message does not claim nothing changed (a write may have landed before the
 * connection dropped); it says the change did not complete and that retrying is safe, which every operation ensures.
 */
export class StoreUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(
      `The data store is unavailable (${operation}: ${describeCause(cause)}). The change was not completed; trying again in a minute is safe and will not do it twice.`,
      { cause },
    );
    this.name = 'StoreUnavailableError';
  }
}

/** Raised when a record keeps changing under a writer beyond the retry budget. */
export class StoreContentionError extends Error {
  constructor(key: string, attempts: number) {
    super(
      `The record ${key} kept changing under ${attempts} attempts. The change was not made; try again.`,
    );
    this.name = 'StoreContentionError';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message.split('\n')[0] ?? cause.name;
  return String(cause);
}
