// Bot Framework state (dialog stacks, user settings) kept in the same store as the domain, with eTags.

import { createHash } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Records } from '../services/store/records.js';

/** botbuilder keys can be long (Teams conversation ids); store them under a fixed-length digest. */
function storageKey(key: string): string {
  return `state:${createHash('sha256').update(key).digest('hex')}`;
}

/** A state write lost to another writer: botbuilder's own concurrency error. */
export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`State ${key} was changed by another turn; the eTag no longer matches.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder's Storage over the store port. An item's eTag is its record version, so two bot instances writing
 * the same conversation's state cannot silently overwrite each other ('*' or no eTag overwrites on purpose).
 */
export class StoreStorage implements Storage {
  constructor(private readonly records: Records) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const found = await this.records.readVersioned<Record<string, unknown>>(storageKey(key));
      if (found) items[key] = { ...found.value, eTag: String(found.version) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      const written =
        eTag === undefined || eTag === '*'
          ? await this.records.update<Record<string, unknown>, boolean>(storageKey(key), () => ({
              write: value,
              result: true,
            }))
          : await this.records.store.compareAndSet(storageKey(key), Number(eTag), value);
      if (!written) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.records.deleteWhen(storageKey(key), () => true);
  }
}
