// The in-memory backend (`STORE_URL=memory`): keyv over a Map, for unit tests and throwaway demos.

import Keyv from 'keyv';
import { KeyvAtomicStore, versionOf } from './keyvAtomicStore.js';

const NAMESPACE = 'ssp';

/** keyv over a Map; the atomic operations are atomic because one process owns the Map. */
export class MemoryAtomicStore extends KeyvAtomicStore {
  readonly backend = 'memory' as const;
  private readonly map: Map<string, string>;

  constructor() {
    const map = new Map<string, string>();
    super(new Keyv({ store: map, namespace: NAMESPACE, throwOnErrors: true }));
    this.map = map;
  }

  protected physicalKey(key: string): string {
    return `${NAMESPACE}:${key}`;
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

  close(): Promise<void> {
    return Promise.resolve();
  }
}
