// Chooses and opens the backend named by STORE_URL.

import type { AtomicStore } from './atomicStore.js';
import { MemoryAtomicStore } from './memoryStore.js';
import { PostgresAtomicStore } from './postgresStore.js';
import { RedisAtomicStore } from './redisStore.js';
import { SqliteAtomicStore, type SqliteStoreOptions } from './sqliteStore.js';

/** The embedded default: a SQLite file under data/. */
export const DEFAULT_STORE_URL = 'sqlite://data/ssp.sqlite';

/** Which backend a STORE_URL names, or a sentence saying why it names none. */
export function describeStoreUrl(
  url: string,
): { backend: AtomicStore['backend']; target: string } | { error: string } {
  if (url === 'memory') return { backend: 'memory', target: 'memory' };
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/.exec(url);
  if (sqlite?.[1]) return { backend: 'sqlite', target: sqlite[1] };
  if (/^rediss?:\/\//.test(url)) return { backend: 'redis', target: url };
  if (/^postgres(ql)?:\/\//.test(url)) return { backend: 'postgres', target: url };
  return {
    error:
      'STORE_URL must be "memory", "sqlite://<file>", "redis://host:port" or "postgres://user@host/db"',
  };
}

/** Opens the store; fails with a clear message when the URL is wrong or the backend cannot be reached. */
export async function openStore(
  url: string,
  options: { onError?: (error: unknown) => void; sqlite?: SqliteStoreOptions } = {},
): Promise<AtomicStore> {
  const described = describeStoreUrl(url);
  if ('error' in described) throw new Error(described.error);
  const onError = options.onError ?? (() => undefined);
  switch (described.backend) {
    case 'memory':
      return new MemoryAtomicStore();
    case 'sqlite':
      return SqliteAtomicStore.open(described.target, options.sqlite);
    case 'redis':
      return RedisAtomicStore.open(described.target, onError);
    case 'postgres':
      return PostgresAtomicStore.open(described.target, onError);
  }
}
