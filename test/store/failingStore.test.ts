// A failing store makes operations fail with a clear error, loses nothing, and a retry finishes the work once.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import { SimulatedCardProvider } from '../../services/payments/simulatedCardProvider.js';
import type { Result } from '../../services/result.js';
import { StoreUnavailableError, type AtomicStore } from '../../services/store/atomicStore.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import { openStore } from '../../services/store/openStore.js';
import { SqliteAtomicStore } from '../../services/store/sqliteStore.js';
import { forEachBackend } from '../helpers/backends.js';
import {
  addCard,
  buy,
  expectOk,
  fixture,
  PRODUCT,
  type Fixture,
} from '../helpers/domainFixture.js';
import { FaultyStore } from '../helpers/faultyStore.js';

/** The error a call failed with; fails the test when the call succeeds instead. */
async function rejection(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Every row of keyv's table, to compare a SQLite file before and after a failure. */
async function dump(file: string): Promise<unknown[]> {
  const raw = new KeyvSqlite({ uri: `sqlite://${file}`, table: 'keyv' });
  try {
    return (await raw.query('SELECT key, value FROM keyv ORDER BY key')) as unknown[];
  } finally {
    await raw.disconnect();
  }
}

/** The simulated provider's transactions on a card token. */
function transactionsOf(f: Fixture, token: string): Promise<unknown[]> {
  const provider = f.domain.payments;
  if (!(provider instanceof SimulatedCardProvider)) {
    throw new Error('expected the simulated provider');
  }
  return provider.transactionsFor(token);
}

/** A loopback port that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** What a test may do once the store is broken; it must fail, and succeed once the store is back. */
interface Scene {
  readonly f: Fixture;
  readonly alice: Caller;
  readonly bob: Caller;
  readonly subscriptionId: string;
  readonly cardId: string;
}

const CLOSED_STORE_OPERATIONS: ReadonlyArray<{
  name: string;
  run: (scene: Scene) => Promise<Result<unknown>>;
}> = [
  {
    name: 'assigning a license',
    run: (s) =>
      s.f.domain.licenses.assign(s.alice, s.subscriptionId, ['nora@contoso.com'], 'op-assign'),
  },
  { name: 'listing my purchases', run: (s) => s.f.domain.buyers.myPurchases(s.alice) },
  {
    name: 'buying',
    run: (s) =>
      s.f.domain.purchases.purchase({
        caller: s.bob,
        productId: PRODUCT.visioPlan1,
        quantity: 1,
        payment: { cardId: s.cardId },
        idempotencyKey: 'checkout-while-down',
      }),
  },
];

describe('when the store fails', () => {
  for (const scheme of ['redis://127.0.0.1:%d', 'postgres://ssp@127.0.0.1:%d/ssp']) {
    it(`opening ${scheme.split(':')[0]} where no server listens fails at once instead of retrying forever`, async () => {
      const url = scheme.replace('%d', String(await closedPort()));
      const error = await rejection(openStore(url));
      expect(error).to.be.instanceOf(StoreUnavailableError);
      expect(error.message).to.include('ECONNREFUSED');
    });
  }

  describe('a SQLite store closed under the domain', () => {
    let dir: string;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ssp-failing-store-'));
    });

    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** A domain on a fresh SQLite file, with Alice's subscription and Bob's saved card in it. */
    async function scene(file: string): Promise<{ scene: Scene; store: AtomicStore }> {
      const store = await SqliteAtomicStore.open(file);
      const f = fixture({ store });
      const alice = f.as('alice');
      const bob = f.as('bob');
      const { subscriptionId } = await buy(f, alice, PRODUCT.powerBiPro, 3);
      const { cardId } = await addCard(f, bob);
      return { scene: { f, alice, bob, subscriptionId, cardId }, store };
    }

    for (const [index, operation] of CLOSED_STORE_OPERATIONS.entries()) {
      it(`${operation.name} fails saying the change did not complete and a retry is safe, and works once the store is back`, async () => {
        const file = join(dir, `closed-${index}.sqlite`);
        const { scene: broken, store } = await scene(file);
        const before = await dump(file);
        await store.close();

        const error = await rejection(operation.run(broken));

        expect(error).to.be.instanceOf(StoreUnavailableError);
        expect(error.message).to.match(
          /^The data store is unavailable \(.+\)\. The change was not completed; trying again .* is safe/,
        );
        expect(await dump(file), 'the file is exactly as before').to.deep.equal(before);

        const reopened = await SqliteAtomicStore.open(file);
        try {
          const f = fixture({ store: reopened });
          expectOk(await operation.run({ ...broken, f }));
        } finally {
          await reopened.close();
        }
      });
    }
  });

  describe('an assign whose compare-and-set throws', () => {
    const CASES = [
      // The write never reached the store: the retry does it, and a third call is told it is done.
      { when: 'before' as const, changedByFailure: false, retries: [false, true] },
      // The write landed but its answer was lost: the retry must not assign twice.
      { when: 'after' as const, changedByFailure: true, retries: [true, true] },
    ];

    for (const { when, changedByFailure, retries } of CASES) {
      it(`fails ${when} the write lands, and the same call retried assigns exactly once`, async () => {
        const store = new FaultyStore(new MemoryAtomicStore());
        const f = fixture({ store });
        const alice = f.as('alice');
        const { subscriptionId } = await buy(f, alice, PRODUCT.powerBiPro, 3);
        const key = `sub:${subscriptionId}`;
        const before = await store.get(key);
        const assign = (): Promise<Result<{ alreadyDone: boolean }>> =>
          f.domain.licenses.assign(alice, subscriptionId, ['nora@contoso.com'], 'op-nora');

        store.inject({ operation: 'compareAndSet', match: (k) => k === key, when });
        const error = await rejection(assign());

        expect(error).to.be.instanceOf(StoreUnavailableError);
        expect(store.failed).to.deep.equal([`compareAndSet ${key}`]);
        if (changedByFailure) expect(await store.get(key)).to.not.deep.equal(before);
        else expect(await store.get(key), 'unchanged').to.deep.equal(before);

        for (const alreadyDone of retries) {
          expect(expectOk(await assign()).alreadyDone).to.equal(alreadyDone);
        }
        const after = await f.domain.subscriptions.get(subscriptionId);
        expect(after?.assignedUserIds).to.have.length(2);
        expect(after?.assignedUserIds).to.include(f.as('nora').userId);
      });
    }
  });

  it('a purchase whose subscription cannot be written after the charge is completed by retrying, charged once', async () => {
    const store = new FaultyStore(new MemoryAtomicStore());
    const f = fixture({ store });
    const bob = f.as('bob');
    const card = await addCard(f, bob);
    const purchase = () =>
      f.domain.purchases.purchase({
        caller: bob,
        productId: PRODUCT.powerBiPro,
        quantity: 2,
        payment: { cardId: card.cardId },
        idempotencyKey: 'checkout-1',
      });
    store.inject({
      operation: 'insertIfAbsent',
      match: (key, value) =>
        key.startsWith('sub:') && (value as { channel?: string }).channel === 'SelfService',
    });

    expect(await rejection(purchase())).to.be.instanceOf(StoreUnavailableError);
    expect(store.failed).to.have.length(1);
    expect(await transactionsOf(f, card.token), 'the card was charged').to.have.length(1);
    expect(expectOk(await f.domain.buyers.myPurchases(bob))).to.deep.equal([]);

    const receipt = expectOk(await purchase());
    const again = expectOk(await purchase());

    expect(again.subscriptionId).to.equal(receipt.subscriptionId);
    expect(again.alreadyDone).to.equal(true);
    const purchases = expectOk(await f.domain.buyers.myPurchases(bob));
    expect(purchases.map((p) => [p.id, p.quantity, p.orders.length])).to.deep.equal([
      [receipt.subscriptionId, 2, 1],
    ]);
    const charges = await transactionsOf(f, card.token);
    expect(charges).to.have.length(1);
    expect(charges[0]).to.include({ type: 'charge', amountCents: receipt.totalCents });
  });
});

forEachBackend('a store whose backend read fails', (open, backend) => {
  it('throws StoreUnavailableError instead of reading the record as absent', async () => {
    const store = await open();
    await store.insertIfAbsent('fails:record:tok_4242', { kept: true });
    const repair = await backend.breakReads('fails:record:tok_4242');
    try {
      const error = await rejection(store.get('fails:record:tok_4242'));
      expect(error).to.be.instanceOf(StoreUnavailableError);
      // The operation and the kind of record, never the key itself (keys carry ids and tokens).
      expect(error.message).to.include('reading a fails:record record');
      expect(error.message).not.to.include('tok_4242');
    } finally {
      await repair();
    }
    expect(await store.get('fails:record:tok_4242')).to.deep.equal({
      version: 1,
      value: { kept: true },
    });
  });

  it('never tells a buyer their subscription does not exist while the store is failing', async () => {
    const store = await open();
    const f = fixture({ store });
    const alice = f.as('alice');
    const { subscriptionId } = await buy(f, alice, PRODUCT.powerBiPro, 1);
    const repair = await backend.breakReads(`sub:${subscriptionId}`);
    try {
      const error = await rejection(f.domain.buyers.subscription(alice, subscriptionId));
      expect(error).to.be.instanceOf(StoreUnavailableError);
    } finally {
      await repair();
    }
    expect(expectOk(await f.domain.buyers.subscription(alice, subscriptionId)).id).to.equal(
      subscriptionId,
    );
  });
});
