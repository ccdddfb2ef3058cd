// The embedded default backend: @keyv/sqlite on a file, in WAL mode, with compare-and-set as SQL on keyv's table.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { KEYV_NAMESPACE, KeyvAtomicStore } from './keyvAtomicStore.js';

const TABLE = 'keyv';

/** Options for the SQLite backend. */
export interface SqliteStoreOptions {
  /** Milliseconds a writer waits for another process's lock before failing. */
  readonly busyTimeoutMs?: number;
  /** `wal` (the default) or `delete`, the rollback journal; the benchmark compares the two. */
  readonly journalMode?: 'wal' | 'delete';
}

/**
 * SQLite through @keyv/sqlite. Several processes may share one file: every write is one statement
 * (`INSERT ... ON CONFLICT DO NOTHING`, `UPDATE ... WHERE version = ?`), and SQLite serializes them.
 */
export class SqliteAtomicStore extends KeyvAtomicStore {
  readonly backend = 'sqlite' as const;

  private constructor(
    keyv: Keyv,
    private readonly adapter: KeyvSqlite,
  ) {
    super(keyv);
  }

  /** Opens (and creates) the database file and switches it to the chosen journal mode. */
  static async open(file: string, options: SqliteStoreOptions = {}): Promise<SqliteAtomicStore> {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const adapter = new KeyvSqlite({
      uri: `sqlite://${file}`,
      table: TABLE,
      busyTimeout: options.busyTimeoutMs ?? 15_000,
    });
    const keyv = new Keyv({ store: adapter, namespace: KEYV_NAMESPACE, throwOnErrors: true });
    const store = new SqliteAtomicStore(keyv, adapter);
    await store.query(`PRAGMA journal_mode=${options.journalMode === 'delete' ? 'DELETE' : 'WAL'}`);
    return store;
  }

  protected async rawInsert(physicalKey: string, serialized: string): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO ${TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
      physicalKey,
      serialized,
    );
    return rows.length === 1;
  }

  protected async rawCompareAndSet(
    physicalKey: string,
    expectedVersion: number,
    serialized: string,
  ): Promise<boolean> {
    const rows = await this.query(
      `UPDATE ${TABLE} SET value = ? WHERE key = ? AND json_extract(value, '$.value.version') = ? RETURNING key`,
      serialized,
      physicalKey,
      expectedVersion,
    );
    return rows.length === 1;
  }

  protected async rawDeleteIfVersion(
    physicalKey: string,
    expectedVersion: number,
  ): Promise<boolean> {
    const rows = await this.query(
      `DELETE FROM ${TABLE} WHERE key = ? AND json_extract(value, '$.value.version') = ? RETURNING key`,
      physicalKey,
      expectedVersion,
    );
    return rows.length === 1;
  }

  protected async rawPing(): Promise<void> {
    await this.query('SELECT 1');
  }

  protected async rawClose(): Promise<void> {
    await this.adapter.disconnect();
  }

  private async query(sql: string, ...parameters: unknown[]): Promise<unknown[]> {
    const rows: unknown = await this.adapter.query(sql, ...parameters);
    return Array.isArray(rows) ? (rows as unknown[]) : [];
  }
}
