// The shared half of every backend: reads through keyv, records serialized exactly as keyv writes them.

import type Keyv from 'keyv';
import {
  recordKind,
  StoreUnavailableError,
  type AtomicStore,
  type StoreBackend,
  type Versioned,
} from './atomicStore.js';

/** The keyv namespace of every backend: keys are stored as keyv stores them under this namespace. */
export const KEYV_NAMESPACE = 'ssp';

/** What sits under keyv's `value`: the domain record and its version. */
export interface StoredRecord<T> {
  readonly version: number;
  readonly data: T;
}

/**
 * Base class of the keyv-backed stores. Reads use keyv itself (created with `throwOnErrors`, so a broken backend
 * raises instead of reading as "not found"). Writes are the backend's own atomic statements on keyv's own table or
 * keys, with values serialized by keyv's serializer, so plain keyv reads see exactly what was written.
 */
export abstract class KeyvAtomicStore implements AtomicStore {
  abstract readonly backend: StoreBackend;
  private closing: Promise<void> | undefined;

  protected constructor(protected readonly keyv: Keyv) {}

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    let stored: StoredRecord<T> | undefined;
    try {
      stored = await this.keyv.get<StoredRecord<T>>(key);
    } catch (error) {
      throw new StoreUnavailableError(`reading a ${recordKind(key)} record`, error);
    }
    if (stored === undefined || stored === null) return undefined;
    return { version: stored.version, value: stored.data };
  }

  async insertIfAbsent<T>(key: string, value: T): Promise<boolean> {
    const serialized = await this.serialize({ version: 1, data: value });
    return this.guard(`creating a ${recordKind(key)} record`, () =>
      this.rawInsert(this.physicalKey(key), serialized),
    );
  }

  async compareAndSet<T>(key: string, expectedVersion: number, value: T): Promise<boolean> {
    const serialized = await this.serialize({ version: expectedVersion + 1, data: value });
    return this.guard(`updating a ${recordKind(key)} record`, () =>
      this.rawCompareAndSet(this.physicalKey(key), expectedVersion, serialized),
    );
  }

  async deleteIfVersion(key: string, expectedVersion: number): Promise<boolean> {
    return this.guard(`deleting a ${recordKind(key)} record`, () =>
      this.rawDeleteIfVersion(this.physicalKey(key), expectedVersion),
    );
  }

  async ping(): Promise<void> {
    await this.guard('health check', () => this.rawPing());
  }

  /**
   * The key as keyv stores it, namespace prefix included. This is keyv's own mapping rather than a copy of it:
   * keyv leaves a key that already starts with `ssp:` unprefixed, and a copy that always prefixed wrote such a
   * record where reads never looked, so it read as absent. Backends whose adapter prefixes instead override this.
   */
  protected physicalKey(key: string): string {
    return this.keyv._getKeyPrefix(key);
  }

  protected abstract rawInsert(physicalKey: string, serialized: string): Promise<boolean>;
  protected abstract rawCompareAndSet(
    physicalKey: string,
    expectedVersion: number,
    serialized: string,
  ): Promise<boolean>;
  protected abstract rawDeleteIfVersion(
    physicalKey: string,
    expectedVersion: number,
  ): Promise<boolean>;
  protected abstract rawPing(): Promise<void>;
  protected abstract rawClose(): Promise<void>;

  /**
   * Closes the connection once; later calls wait for the same close. A shutdown path may close twice (a signal
   * handler and the exit path), and the second call must not fail with "already closed".
   */
  close(): Promise<void> {
    this.closing ??= this.rawClose();
    return this.closing;
  }

  /** keyv's own envelope and serializer: `{"value": {version, data}}`. */
  private async serialize<T>(record: StoredRecord<T>): Promise<string> {
    const serialized: unknown = await this.keyv.serializeData({
      value: record,
      expires: undefined,
    });
    if (typeof serialized !== 'string') throw new Error('keyv serializer did not return text');
    return serialized;
  }

  private async guard<R>(operation: string, action: () => Promise<R>): Promise<R> {
    try {
      return await action();
    } catch (error) {
      throw new StoreUnavailableError(operation, error);
    }
  }
}

/** Reads the version out of a serialized keyv envelope; used by backends that compare in process. */
export function versionOf(serialized: string): number | undefined {
  const parsed = JSON.parse(serialized) as { value?: { version?: unknown } };
  const version = parsed.value?.version;
  return typeof version === 'number' ? version : undefined;
}
