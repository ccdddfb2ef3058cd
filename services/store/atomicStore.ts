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
 * `operation` names what was being done and to which kind of record (see {@link recordKind}), never a whole key:
 * keys carry identifiers that do not belong in logs or in front of people.
 */
export class StoreUnavailableError extends Error {
  constructor(operation: string, cause: unknown, message?: string) {
    super(
      message ??
        `The data store is unavailable (${operation}: ${describeCause(cause)}). The change was not completed; trying again in a minute is safe and will not do it twice.`,
      { cause },
    );
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Raised at start-up when the store that STORE_URL names cannot be reached: nothing was being changed yet, so the
 * message is about the setting and the server, not about a change.
 */
export class StoreConnectError extends StoreUnavailableError {
  constructor(backend: 'Redis' | 'PostgreSQL', url: string, cause: unknown) {
    super(
      `connecting to ${backend}`,
      cause,
      `Cannot connect to the data store that STORE_URL names (${backend} at ${withoutCredentials(url)}): ${describeCause(cause)}. Check that ${backend} is running and reachable there, or set STORE_URL to another store.`,
    );
    this.name = 'StoreConnectError';
  }
}

/** Raised when a record keeps changing under a writer beyond the retry budget. */
export class StoreContentionError extends Error {
  constructor(key: string, attempts: number) {
    super(
      `A ${recordKind(key)} record kept changing under ${attempts} attempts. The change was not made; try again.`,
    );
    this.name = 'StoreContentionError';
  }
}

/**
 * The kind of record a key names, for messages: its leading word, and the next one too when that is a plain word
 * ("pay:token", "inbox", "index:inbox-pending"); never the identifiers after them (tenant and user ids, payment
 * tokens, order numbers).
 */
export function recordKind(key: string): string {
  const [first = '', second] = key.split(':');
  const word = /^[a-z][a-z-]{0,30}$/;
  if (!word.test(first)) return 'record';
  return second !== undefined && word.test(second) ? `${first}:${second}` : first;
}

/** A store URL fit to show: user name and password removed. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message.split('\n')[0] ?? cause.name;
  return String(cause);
}
