// The in-memory backend (`STORE_URL=memory`): keyv over a Map, for unit tests and throwaway demos.

import Keyv from 'keyv';
import { KEYV_NAMESPACE, KeyvAtomicStore, versionOf } from './keyvAtomicStore.js';

/**
 * keyv over a Map; the atomic operations are atomic because one process owns the Map and each one runs without
 * yielding. Several stores may share one Map (tests use this to get two stores with their own in-process locks
 * over the same data, as two bot instances over one database would have).
 */
export class MemoryAtomicStore extends KeyvAtomicStore {
  readonly backend = 'memory' as const;
  private readonly map: Map<string, string>;

  constructor(map = new Map<string, string>()) {
    super(new Keyv({ store: map, namespace: KEYV_NAMESPACE, throwOnErrors: true }));
    this.map = map;
  }

  protected rawInsert(physicalKey: string, serialized: string): Promise<boolean> {
    if (this.map.has(physicalKey)) return Promise.resolve(false);
    this.map.set(physicalKey, serialized);
    return Promise.resolve(true);
  }

  protected rawCompareAndSet(
    physicalKey: string,
    expectedVersion: number,
    serialized: string,
  ): Promise<boolean> {
    const current = this.map.get(physicalKey);
    if (current === undefined || versionOf(current) !== expectedVersion) {
      return Promise.resolve(false);
    }
    this.map.set(physicalKey, serialized);
    return Promise.resolve(true);
  }

  protected rawDeleteIfVersion(physicalKey: string, expectedVersion: number): Promise<boolean> {
    const current = this.map.get(physicalKey);
    if (current === undefined || versionOf(current) !== expectedVersion) {
      return Promise.resolve(false);
    }
    this.map.delete(physicalKey);
    return Promise.resolve(true);
  }

  protected rawPing(): Promise<void> {
    return Promise.resolve();
  }

  protected rawClose(): Promise<void> {
    return Promise.resolve();
  }
}
