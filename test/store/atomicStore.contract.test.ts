// The store port's contract, on every backend: atomic writes, keyv's own format, and no lost update under races.

import { expect } from 'chai';
import type { AtomicStore } from '../../services/store/atomicStore.js';
import { Records } from '../../services/store/records.js';
import { bigTenantSeed, loadUserUpns } from '../fixtures/bigTenant.js';
import { forEachBackend } from '../helpers/backends.js';
import { subscriptionWithFreeLicenses, tally } from '../helpers/contention.js';
import { fixture } from '../helpers/domainFixture.js';

let counter = 0;
/** A key no other test in the suite uses (suites share their backend's data). */
const freshKey = (label: string): string => `contract:${label}:${(counter += 1)}`;

/** Values that must come back exactly as written, including what keyv's serializer escapes. */
const ROUND_TRIPS: ReadonlyArray<{ name: string; value: unknown }> = [
  { name: 'a plain object', value: { name: 'Alice', quantity: 3, active: true } },
  {
    name: 'unicode text',
    value: { text: 'Zoë 🎉 Fjällbacka — 東京 — مرحبا — e\u0301', emoji: '👩‍💻' },
  },
  { name: 'strings keyv escapes', value: { colon: ':starts with a colon', base64: ':base64:abc' } },
  { name: 'JSON metacharacters', value: { text: 'quote " backslash \\ newline \n tab \t' } },
  { name: 'numbers at the edges', value: [0, -1, 1.5, Number.MAX_SAFE_INTEGER, -0.000001] },
  { name: 'null inside', value: { missing: null, list: [null, 1] } },
  { name: 'a bare string', value: 'just text' },
  { name: 'empty containers', value: { object: {}, array: [], text: '' } },
  { name: 'a large value (1 MB)', value: { text: '漢字 and ascii '.repeat(70_000) } },
  {
    name: 'many small records',
    value: Array.from({ length: 5_000 }, (_, i) => ({ id: `S-${i}`, users: [`u${i}`] })),
  },
];

forEachBackend('AtomicStore contract', (open, backend) => {
  let store: AtomicStore;

  before(async () => {
    store = await open();
  });

  it('answers a health check', async () => {
    await store.ping();
  });

  it('inserts a record only when the key is absent', async () => {
    const key = freshKey('insert');
    expect(await store.insertIfAbsent(key, { n: 1 })).to.equal(true);
    expect(await store.insertIfAbsent(key, { n: 2 })).to.equal(false);
    expect(await store.get(key)).to.deep.equal({ version: 1, value: { n: 1 } });
  });

  it('reads a missing key as undefined', async () => {
    expect(await store.get(freshKey('missing'))).to.equal(undefined);
  });

  it('replaces a record only at its current version, raising the version by one', async () => {
    const key = freshKey('cas');
    await store.insertIfAbsent(key, 'v1');
    const steps: ReadonlyArray<{
      expected: number;
      value: string;
      written: boolean;
      after: number;
    }> = [
      { expected: 1, value: 'v2', written: true, after: 2 },
      { expected: 1, value: 'stale', written: false, after: 2 },
      { expected: 3, value: 'future', written: false, after: 2 },
      { expected: 2, value: 'v3', written: true, after: 3 },
    ];
    let current = 'v1';
    for (const step of steps) {
      expect(await store.compareAndSet(key, step.expected, step.value), step.value).to.equal(
        step.written,
      );
      if (step.written) current = step.value;
      expect(await store.get(key), step.value).to.deep.equal({
        version: step.after,
        value: current,
      });
    }
  });

  it('counts every write in the version', async () => {
    const key = freshKey('versions');
    await store.insertIfAbsent(key, 0);
    for (let version = 1; version <= 20; version += 1) {
      expect(await store.compareAndSet(key, version, version)).to.equal(true);
    }
    expect(await store.get(key)).to.deep.equal({ version: 21, value: 20 });
  });

  it('does not create a record by compare-and-set', async () => {
    const key = freshKey('cas-missing');
    expect(await store.compareAndSet(key, 1, 'x')).to.equal(false);
    expect(await store.get(key)).to.equal(undefined);
  });

  it('deletes a record only at its current version', async () => {
    const key = freshKey('delete');
    await store.insertIfAbsent(key, 'a');
    await store.compareAndSet(key, 1, 'b');
    expect(await store.deleteIfVersion(key, 1)).to.equal(false);
    expect(await store.get(key)).to.deep.equal({ version: 2, value: 'b' });
    expect(await store.deleteIfVersion(key, 2)).to.equal(true);
    expect(await store.get(key)).to.equal(undefined);
    expect(await store.deleteIfVersion(key, 2)).to.equal(false);
    expect(await store.insertIfAbsent(key, 'again')).to.equal(true);
    expect(await store.get(key)).to.deep.equal({ version: 1, value: 'again' });
  });

  for (const { name, value } of ROUND_TRIPS) {
    it(`returns ${name} exactly as written, also after a compare-and-set`, async () => {
      const key = freshKey('round-trip');
      await store.insertIfAbsent(key, value);
      expect(await store.get(key)).to.deep.equal({ version: 1, value });
      expect(await store.compareAndSet(key, 1, value)).to.equal(true);
      expect(await store.get(key)).to.deep.equal({ version: 2, value });
    });
  }

  for (const key of ['sub:S-ÅÄÖ €/1', 'ssp:looks-namespaced', 'a'.repeat(200)]) {
    it(`stores under the key ${JSON.stringify(key.slice(0, 30))} where keyv itself looks`, async () => {
      expect(await store.insertIfAbsent(key, { key })).to.equal(true);
      expect(await store.get(key)).to.deep.equal({ version: 1, value: { key } });
      expect(await backend.plainKeyv().get(key)).to.deep.equal({ version: 1, data: { key } });
    });
  }

  it("keeps records in keyv's own format, readable and writable by a plain keyv", async () => {
    const plain = backend.plainKeyv();
    const key = freshKey('plain-keyv');
    const value = { text: 'Zoë 🎉', colon: ':x', list: [1, 2, 3] };
    await store.insertIfAbsent(key, value);
    expect(await plain.get(key)).to.deep.equal({ version: 1, data: value });
    await store.compareAndSet(key, 1, { ...value, list: [4] });
    expect(await plain.get(key)).to.deep.equal({ version: 2, data: { ...value, list: [4] } });

    // The other way: a record keyv wrote is seen, versioned and replaced by the port's own statements.
    const written = freshKey('written-by-keyv');
    await plain.set(written, { version: 7, data: { from: 'keyv' } });
    expect(await store.get(written)).to.deep.equal({ version: 7, value: { from: 'keyv' } });
    expect(await store.compareAndSet(written, 6, 'stale')).to.equal(false);
    expect(await store.compareAndSet(written, 7, 'port')).to.equal(true);
    expect(await plain.get(written)).to.deep.equal({ version: 8, data: 'port' });
    expect(await store.deleteIfVersion(written, 8)).to.equal(true);
    expect(await plain.get(written)).to.equal(undefined);
  });

  describe('with two stores on the same data (two bot instances)', () => {
    let other: AtomicStore;

    before(async () => {
      other = await open();
    });

    it('lets exactly one of two racing compare-and-sets win, every time', async () => {
      const key = freshKey('race');
      await store.insertIfAbsent(key, 0);
      for (let round = 1; round <= 25; round += 1) {
        const [a, b] = await Promise.all([
          store.compareAndSet(key, round, `a${round}`),
          other.compareAndSet(key, round, `b${round}`),
        ]);
        expect([a, b].filter(Boolean), `round ${round}`).to.have.length(1);
      }
      expect((await other.get(key))?.version).to.equal(26);
    });

    it('lets exactly one of many racing inserts create the record', async () => {
      const key = freshKey('insert-race');
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).insertIfAbsent(key, i)),
      );
      expect(created.filter(Boolean)).to.have.length(1);
      const winner = created.indexOf(true);
      expect(await store.get(key)).to.deep.equal({ version: 1, value: winner });
    });

    it('lets a racing delete and update not both succeed', async () => {
      const key = freshKey('delete-race');
      await store.insertIfAbsent(key, 'x');
      const [deleted, updated] = await Promise.all([
        store.deleteIfVersion(key, 1),
        other.compareAndSet(key, 1, 'y'),
      ]);
      expect(deleted !== updated, 'exactly one wins').to.equal(true);
      expect(await other.get(key)).to.deep.equal(deleted ? undefined : { version: 2, value: 'y' });
    });

    it('loses no increment when 100 run at once through two Records', async () => {
      const key = freshKey('counter');
      const [left, right] = [new Records(store), new Records(other)];
      const seen = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 ? right : left).update<number, number>(key, (n) => {
            const next = (n ?? 0) + 1;
            return { write: next, result: next };
          }),
        ),
      );
      expect(await left.read(key)).to.equal(100);
      expect(new Set(seen).size, 'every increment saw its own value').to.equal(100);
    });

    it('assigns exactly 10 of 10 licenses when 200 assigns race from two domains', async function () {
      this.timeout(120_000);
      const seed = bigTenantSeed();
      const a = fixture({ store, seed });
      const b = fixture({ store: other, seed });
      const buyer = a.as('alice');
      const subscriptionId = await subscriptionWithFreeLicenses(a, buyer, 10);
      const upns = loadUserUpns(200);

      const results = await Promise.all(
        upns.map((upn, i) =>
          (i % 2 ? b : a).domain.licenses.assign(buyer, subscriptionId, [upn], `race-${i}`),
        ),
      );

      expect(tally(results)).to.deep.equal({ ok: 10, INSUFFICIENT_LICENSES: 190 });
      const winners = upns.filter((_, i) => results[i]?.ok);
      const ids = new Map(seed.tenants.flatMap((t) => t.users.map((u) => [u.upn, u.id])));
      const stored = await b.domain.subscriptions.get(subscriptionId);
      expect(stored?.quantity).to.equal(10);
      expect([...(stored?.assignedUserIds ?? [])].sort()).to.deep.equal(
        winners.map((upn) => ids.get(upn)).sort(),
      );
    });
  });

  it('can be closed twice', async () => {
    const extra = await open();
    await extra.close();
    await extra.close();
  });
});
