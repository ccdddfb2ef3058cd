// Every store backend as a table for suites that must hold on all of them, each suite on data of its own.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import { createKeyv as createRedisKeyv } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import { createClient } from '@redis/client';
import pg from 'pg';
import type { AtomicStore, StoreBackend } from '../../services/store/atomicStore.js';
import { KEYV_NAMESPACE } from '../../services/store/keyvAtomicStore.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import { PostgresAtomicStore } from '../../services/store/postgresStore.js';
import { RedisAtomicStore } from '../../services/store/redisStore.js';
import { SqliteAtomicStore } from '../../services/store/sqliteStore.js';

/** Opens one more store on the suite's backend: another connection (another "bot instance") to the same data. */
export type OpenStore = () => Promise<AtomicStore>;

/** What a suite can do with its backend besides opening stores on it. */
export interface BackendUnderTest {
  readonly name: StoreBackend;
  /**
   * A plain keyv configured as the keyv documentation says for this backend (namespace `ssp`, table `keyv`),
   * over the suite's data; closed after the suite. It is how a test proves the records are keyv's own.
   */
  plainKeyv(): Keyv;
  /** Makes reads of `key` fail inside the backend itself; the returned function repairs it. */
  breakReads(key: string): Promise<() => Promise<void>>;
}

/** One suite's data on one backend. */
interface SuiteBackend {
  open: OpenStore;
  plainKeyv(): Keyv;
  breakReads(key: string): Promise<() => Promise<void>>;
  /** Removes what the suite left (after every store on it is closed). */
  dispose(): Promise<void>;
}

interface BackendDefinition {
  readonly name: StoreBackend;
  /** The variable naming the server; undefined for backends that need none. */
  readonly urlVariable?: 'TEST_REDIS_URL' | 'TEST_POSTGRES_URL';
  prepare(url: string | undefined): Promise<SuiteBackend>;
}

const ignoreBackgroundErrors = (): void => undefined;

/** A Map whose reads can be made to fail, so the memory backend can fail like the others. */
class BreakableMap extends Map<string, string> {
  failing = false;

  override get(key: string): string | undefined {
    if (this.failing) throw new Error('memory backend read failure (injected by the test)');
    return super.get(key);
  }
}

const memory: BackendDefinition = {
  name: 'memory',
  prepare() {
    const map = new BreakableMap();
    return Promise.resolve({
      // A new store per call over one Map: each has its own in-process lock, like a second bot instance.
      open: () => Promise.resolve(new MemoryAtomicStore(map)),
      plainKeyv: () => new Keyv({ store: map, namespace: KEYV_NAMESPACE }),
      breakReads: () => {
        map.failing = true;
        return Promise.resolve(() => {
          map.failing = false;
          return Promise.resolve();
        });
      },
      dispose: () => Promise.resolve(),
    });
  },
};

const sqlite: BackendDefinition = {
  name: 'sqlite',
  async prepare() {
    const dir = await mkdtemp(join(tmpdir(), 'ssp-store-test-'));
    const file = join(dir, 'store.sqlite');
    const adapter = (): KeyvSqlite => new KeyvSqlite({ uri: `sqlite://${file}`, table: 'keyv' });
    return {
      open: () => SqliteAtomicStore.open(file),
      plainKeyv: () => new Keyv({ store: adapter(), namespace: KEYV_NAMESPACE }),
      // Renaming keyv's table under the store makes every read of it fail with "no such table".
      breakReads: async () => {
        const raw = adapter();
        await raw.query('ALTER TABLE keyv RENAME TO keyv_broken');
        return async () => {
          await raw.query('ALTER TABLE keyv_broken RENAME TO keyv');
          await raw.disconnect();
        };
      },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

/** The test database: the URL's own index, or 15 so that a developer's database 0 is never flushed. */
function redisTestUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = '/15';
  return parsed.toString();
}

const redis: BackendDefinition = {
  name: 'redis',
  urlVariable: 'TEST_REDIS_URL',
  async prepare(url) {
    const testUrl = redisTestUrl(url!);
    // No reconnecting: a server that is down fails the suite at once instead of keeping mocha alive.
    const admin = createClient({ url: testUrl, socket: { reconnectStrategy: false } });
    admin.on('error', ignoreBackgroundErrors);
    await admin.connect();
    // The namespace is fixed (`ssp`), so suites cannot be told apart by key prefix: each starts on an empty db.
    await admin.flushDb();
    return {
      open: () => RedisAtomicStore.open(testUrl, ignoreBackgroundErrors),
      plainKeyv: () => createRedisKeyv(testUrl, { namespace: KEYV_NAMESPACE }),
      // A hash where keyv expects a string: GET fails with WRONGTYPE. The record is kept aside meanwhile.
      breakReads: async (key) => {
        const physical = `${KEYV_NAMESPACE}::${key}`;
        const aside = `${physical}:kept-aside-by-test`;
        const existed = (await admin.exists(physical)) === 1;
        if (existed) await admin.rename(physical, aside);
        await admin.hSet(physical, 'broken', 'by the test');
        return async () => {
          await admin.del(physical);
          if (existed) await admin.rename(aside, physical);
        };
      },
      dispose: async () => {
        await admin.flushDb();
        await admin.close();
      },
    };
  },
};

const postgres: BackendDefinition = {
  name: 'postgres',
  urlVariable: 'TEST_POSTGRES_URL',
  async prepare(url) {
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    admin.on('error', ignoreBackgroundErrors);
    // keyv's table name is fixed too; dropping it also tests that opening a store creates it.
    await admin.query('DROP TABLE IF EXISTS public.keyv, public.keyv_broken');
    return {
      open: () => PostgresAtomicStore.open(url!, ignoreBackgroundErrors),
      plainKeyv: () =>
        new Keyv({
          store: new KeyvPostgres({ uri: url!, table: 'keyv', schema: 'public' }),
          namespace: KEYV_NAMESPACE,
        }),
      breakReads: async () => {
        await admin.query('ALTER TABLE public.keyv RENAME TO keyv_broken');
        return async () => {
          await admin.query('ALTER TABLE public.keyv_broken RENAME TO keyv');
        };
      },
      dispose: () => admin.end(),
    };
  },
};

/** The backends every table-driven store suite runs on, in this order. */
export const BACKENDS: readonly BackendDefinition[] = [memory, sqlite, redis, postgres];

/**
 * Defines `describe("<title> [<backend>]")` for every backend and calls `body` inside it. Each suite starts on
 * empty data (a fresh SQLite file, an emptied Redis database, a dropped keyv table), and every store and plain
 * keyv it opened is closed after it, so mocha exits on its own. A backend whose URL variable is missing is
 * skipped with a warning, or fails the run when `REQUIRE_ALL_BACKENDS=1` (CI), so that no backend goes
 * untested without anyone noticing.
 */
export function forEachBackend(
  title: string,
  body: (open: OpenStore, backend: BackendUnderTest) => void,
): void {
  for (const definition of BACKENDS) {
    const suiteTitle = `${title} [${definition.name}]`;
    const variable = definition.urlVariable;
    const url = variable ? process.env[variable] : undefined;
    if (variable && !url) {
      defineUnavailable(suiteTitle, definition.name, variable, body);
      continue;
    }
    describe(suiteTitle, () => {
      let suite: SuiteBackend | undefined;
      let plain: Keyv | undefined;
      const closers: Array<() => Promise<void>> = [];
      const ready = (): SuiteBackend => {
        if (!suite) throw new Error(`The ${definition.name} backend is not prepared yet`);
        return suite;
      };

      before(async () => {
        try {
          suite = await definition.prepare(url);
        } catch (error) {
          if (!variable) throw error;
          throw new Error(
            `${variable} is set but the ${definition.name} server does not answer ` +
              `(${(error as Error).message}); start it with eval "$(scripts/test-services.sh)"`,
            { cause: error },
          );
        }
      });

      body(
        async () => {
          const store = await ready().open();
          closers.push(() => store.close());
          return store;
        },
        {
          name: definition.name,
          plainKeyv: () => {
            if (!plain) {
              const keyv = ready().plainKeyv();
              closers.push(() => keyv.disconnect());
              plain = keyv;
            }
            return plain;
          },
          breakReads: (key) => ready().breakReads(key),
        },
      );

      // Registered after the body's own hooks, so it runs after them: they may still use the stores.
      after(async () => {
        for (const close of closers.splice(0).reverse()) await close();
        plain = undefined;
        await suite?.dispose();
      });
    });
  }
}

function defineUnavailable(
  suiteTitle: string,
  backend: StoreBackend,
  variable: string,
  body: (open: OpenStore, backend: BackendUnderTest) => void,
): void {
  const how = `start the test servers first: eval "$(scripts/test-services.sh)"`;
  if (process.env.REQUIRE_ALL_BACKENDS === '1') {
    describe(suiteTitle, () => {
      it(`cannot run: ${variable} is not set and REQUIRE_ALL_BACKENDS=1 requires every backend`, () => {
        throw new Error(
          `${variable} is not set, so the ${backend} backend cannot be tested; ${how}`,
        );
      });
    });
    return;
  }
  console.warn(
    `\n  !!! SKIPPING "${suiteTitle}": ${variable} is not set, so these tests do NOT run on ${backend}.\n` +
      `  !!! To run them, ${how}\n`,
  );
  const unavailable = (): never => {
    throw new Error(`${variable} is not set`);
  };
  // Still defined (as pending), so the report lists what did not run.
  describe.skip(suiteTitle, () =>
    body(unavailable, { name: backend, plainKeyv: unavailable, breakReads: unavailable }),
  );
}
