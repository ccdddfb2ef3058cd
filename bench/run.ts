// `npm run bench`: store throughput side by side, SQLite WAL against the rollback journal, memory, Redis, PostgreSQL.
//
// Two benchmarks per backend, each one call after another: a raw increment (read, then compareAndSet at the read
// version) and a domain `assign` of one license. Redis and PostgreSQL are measured when TEST_REDIS_URL and
// TEST_POSTGRES_URL are set (eval "$(scripts/test-services.sh)"); they get keys of their own, nothing is cleared.
// Each measurement stops after BENCH_MS milliseconds (default 2500), so a full run stays well under a minute.

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AtomicStore } from '../services/store/atomicStore.js';
import { MemoryAtomicStore } from '../services/store/memoryStore.js';
import { PostgresAtomicStore } from '../services/store/postgresStore.js';
import { RedisAtomicStore } from '../services/store/redisStore.js';
import { SqliteAtomicStore } from '../services/store/sqliteStore.js';
import { bigTenantSeed, loadUserUpns } from '../test/fixtures/bigTenant.js';
import { subscriptionWithFreeLicenses } from '../test/helpers/contention.js';
import { expectOk, fixture } from '../test/helpers/domainFixture.js';
import { formatTable, measure, type Budget, type Measurement } from './measure.js';

const MAX_MS = Number(process.env.BENCH_MS ?? 2_500);
const RAW: Budget = { maxOps: 5_000, maxMs: MAX_MS, warmup: 20 };
/** Every generated member of the big tenant but a few spare, so each assign gives out a free license. */
const ASSIGNS = 230;
const ASSIGN: Budget = { maxOps: ASSIGNS - 10, maxMs: MAX_MS, warmup: 10 };

interface Target {
  readonly name: string;
  open(): Promise<AtomicStore>;
}

function targets(dir: string): Target[] {
  const list: Target[] = [
    { name: 'memory', open: () => Promise.resolve(new MemoryAtomicStore()) },
    {
      name: 'sqlite (WAL)',
      open: () => SqliteAtomicStore.open(join(dir, 'wal.sqlite'), { journalMode: 'wal' }),
    },
    {
      name: 'sqlite (rollback journal)',
      open: () => SqliteAtomicStore.open(join(dir, 'delete.sqlite'), { journalMode: 'delete' }),
    },
  ];
  const redisUrl = process.env.TEST_REDIS_URL;
  if (redisUrl) {
    list.push({ name: 'redis', open: () => RedisAtomicStore.open(redisUrl, () => undefined) });
  }
  const postgresUrl = process.env.TEST_POSTGRES_URL;
  if (postgresUrl) {
    list.push({
      name: 'postgres',
      open: () => PostgresAtomicStore.open(postgresUrl, () => undefined),
    });
  }
  return list;
}

/** Read and compare-and-set on one record, as `Records.update` does when nobody else writes. */
async function rawIncrements(target: Target, store: AtomicStore): Promise<Measurement> {
  const key = `bench:counter:${randomUUID()}`;
  await store.insertIfAbsent(key, 0);
  return measure(target.name, 'read + compareAndSet', RAW, async () => {
    const current = await store.get<number>(key);
    if (!current) throw new Error(`${key} vanished`);
    if (!(await store.compareAndSet(key, current.version, current.value + 1))) {
      throw new Error(`${key} changed under the benchmark`);
    }
  });
}

/** One license assigned per call, each to another member, on a subscription with enough free licenses. */
async function assigns(target: Target, store: AtomicStore): Promise<Measurement> {
  const f = fixture({ store, seed: bigTenantSeed() });
  const buyer = f.as('alice');
  const subscriptionId = await subscriptionWithFreeLicenses(f, buyer, ASSIGNS);
  const upns = loadUserUpns(ASSIGNS);
  const run = randomUUID();
  return measure(target.name, 'domain assign', ASSIGN, async (i) => {
    expectOk(await f.domain.licenses.assign(buyer, subscriptionId, [upns[i]!], `${run}-${i}`));
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ssp-bench-'));
  const rows: Measurement[] = [];
  try {
    for (const target of targets(dir)) {
      const store = await target.open();
      try {
        rows.push(await rawIncrements(target, store));
        rows.push(await assigns(target, store));
      } finally {
        await store.close();
      }
      console.error(`measured ${target.name}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!process.env.TEST_REDIS_URL || !process.env.TEST_POSTGRES_URL) {
    console.error('Redis or PostgreSQL not measured: eval "$(scripts/test-services.sh)" first.');
  }
  console.log(`\n${formatTable(rows)}\n`);
  console.log(`One call at a time, in one process; at most ${MAX_MS} ms per row.`);
}

await main();
