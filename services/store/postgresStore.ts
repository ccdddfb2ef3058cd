// The shared-store backend on PostgreSQL: @keyv/postgres on its own table, compare-and-set as `UPDATE ... WHERE`.

import Keyv from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';
import { StoreConnectError } from './atomicStore.js';
import { KEYV_NAMESPACE, KeyvAtomicStore } from './keyvAtomicStore.js';

const TABLE = 'public.keyv';
const VERSION = `(value::jsonb #>> '{value,version}')::bigint`;

/**
 * PostgreSQL through @keyv/postgres. The adapter is given our own pool, so that a dropped idle connection is
 * reported instead of crashing the process, and so that it is closed on shutdown.
 */
export class PostgresAtomicStore extends KeyvAtomicStore {
  readonly backend = 'postgres' as const;

  private constructor(
    keyv: Keyv,
    private readonly pool: pg.Pool,
    private readonly ready: Promise<unknown>,
  ) {
    super(keyv);
  }

  static async open(url: string, onError: (error: unknown) => void): Promise<PostgresAtomicStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
    pool.on('error', onError);
    const query = async (sql: string, values?: unknown[]): Promise<unknown[]> =>
      (await pool.query(sql, values)).rows as unknown[];
    /** The adapter, wired to our pool instead of its module-wide one. */
    class PooledKeyvPostgres extends KeyvPostgres {
      override connect(): Promise<(sql: string, values?: unknown[]) => Promise<unknown[]>> {
        return Promise.resolve(query);
      }
    }
    const adapter = new PooledKeyvPostgres({ uri: url, table: 'keyv', schema: 'public' });
    const keyv = new Keyv({ store: adapter, namespace: KEYV_NAMESPACE, throwOnErrors: true });
    // The adapter creates its table in the background; make sure it exists before the first write.
    const ready = adapter.query('SELECT 1 FROM public.keyv LIMIT 1');
    const store = new PostgresAtomicStore(keyv, pool, ready);
    try {
      await store.ensureTable();
    } catch (error) {
      // Same failure as every other backend's, and no pool left behind for a store nobody got.
      await pool.end();
      throw new StoreConnectError('PostgreSQL', url, error);
    }
    return store;
  }

  protected async rawInsert(physicalKey: string, serialized: string): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO ${TABLE} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [physicalKey, serialized],
    );
    return rows.length === 1;
  }

  protected async rawCompareAndSet(
    physicalKey: string,
    expectedVersion: number,
    serialized: string,
  ): Promise<boolean> {
    const rows = await this.query(
      `UPDATE ${TABLE} SET value = $1 WHERE key = $2 AND ${VERSION} = $3 RETURNING key`,
      [serialized, physicalKey, expectedVersion],
    );
    return rows.length === 1;
  }

  protected async rawDeleteIfVersion(
    physicalKey: string,
    expectedVersion: number,
  ): Promise<boolean> {
    const rows = await this.query(
      `DELETE FROM ${TABLE} WHERE key = $1 AND ${VERSION} = $2 RETURNING key`,
      [physicalKey, expectedVersion],
    );
    return rows.length === 1;
  }

  protected async rawPing(): Promise<void> {
    await this.query('SELECT 1', []);
  }

  protected async rawClose(): Promise<void> {
    await this.pool.end();
  }

  private async ensureTable(): Promise<void> {
    try {
      await this.ready;
    } catch {
      // Two processes may race to create the table; the second one's CREATE can fail. Retry once it exists.
      await this.query(
        `CREATE TABLE IF NOT EXISTS ${TABLE}(key VARCHAR(255) PRIMARY KEY, value TEXT)`,
        [],
      );
    }
  }

  private async query(sql: string, values: unknown[]): Promise<unknown[]> {
    return (await this.pool.query(sql, values)).rows as unknown[];
  }
}
