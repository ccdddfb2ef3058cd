// Purchases and trials (§3.1, §3.4, S-6 to S-9, S-14, S-23): one order and one charge per checkout, whatever happens.

import { expect } from 'chai';
import sinon from 'sinon';
import { DirectoryUnavailableError } from '../../services/directory/directory.js';
import { SimulatedCardProvider } from '../../services/payments/simulatedCardProvider.js';
import type { ChargeRequest, Transaction } from '../../services/payments/paymentProvider.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import { Records } from '../../services/store/records.js';
import { createDomain } from '../../services/domain.js';
import { SeedDirectory } from '../../services/directory/seedDirectory.js';
import { SettableClock } from '../../services/clock.js';
import {
  addCard,
  buy,
  expectOk,
  fixture,
  PRODUCT,
  refusalCode,
  START,
  type Fixture,
} from '../helpers/domainFixture.js';
import { demoSeed, person } from '../helpers/seed.js';

async function checkout(
  f: Fixture,
  name: string,
  productId: string,
  quantity: number,
  key: string,
) {
  const caller = f.as(name);
  const [saved] = await f.domain.paymentMethods.list(caller);
  const card = saved ?? (await addCard(f, caller));
  return f.domain.purchases.purchase({
    caller,
    productId,
    quantity,
    payment: { cardId: card.cardId },
    idempotencyKey: key,
  });
}

async function chargesOn(f: Fixture, name: string): Promise<Transaction[]> {
  const [card] = await f.domain.paymentMethods.list(f.as(name));
  return (f.domain.payments as SimulatedCardProvider).transactionsFor(card!.token);
}

describe('purchases', () => {
  it('a purchase creates an Active monthly subscription, charges it in full and licenses the buyer', async () => {
    const f = fixture();
    const receipt = expectOk(await checkout(f, 'bob', PRODUCT.powerBiPro, 3, 'k1'));
    expect(receipt).to.include({
      quantity: 3,
      unitPriceCents: 1400,
      totalCents: 4200,
      alreadyDone: false,
    });
    expect(receipt.expirationDate).to.equal('2026-04-02T09:00:00.000Z');
    const [sub] = expectOk(await f.domain.buyers.myPurchases(f.as('bob')));
    expect(sub).to.include({
      status: 'Active',
      quantity: 3,
      freeLicenses: 2,
      recurringBilling: true,
    });
    expect(sub!.assignedUsers.map((u) => u.displayName)).to.deep.equal(['Bob Brown']);
    expect(sub!.orders).to.have.length(1);
    expect(sub!.orders[0]).to.include({ type: 'New', amountCents: 4200, quantityDelta: 3 });
    const charges = await chargesOn(f, 'bob');
    expect(charges.map((c) => c.amountCents)).to.deep.equal([4200]);
    const invoices = expectOk(await f.domain.buyers.invoices(f.as('bob')));
    expect(invoices.map((i) => [i.amountCents, i.status])).to.deep.equal([[4200, 'Paid']]);
  });

  it('the buyer is not given a second license when another subscription of the product already licenses them (S-8)', async () => {
    const f = fixture();
    await buy(f, f.as('bob'), PRODUCT.visioPlan2, 1);
    const second = await buy(f, f.as('bob'), PRODUCT.visioPlan2, 2);
    expect(second.assignedToBuyer).to.equal(false);
  });

  it('every Global and Billing admin is notified once, the buyer gets a confirmation, nobody else hears (S-9, S-23)', async () => {
    const f = fixture();
    const receipt = await buy(f, f.as('bob'), PRODUCT.powerBiPro, 2);
    const kinds = async (name: string) =>
      (await f.domain.outbox.pending(f.as(name))).map((e) => e.kind);
    expect(await kinds('carol')).to.deep.equal(['AdminPurchaseCreated']);
    expect(await kinds('dave')).to.deep.equal(['AdminPurchaseCreated']);
    expect(await kinds('peggy')).to.deep.equal(['AdminPurchaseCreated']);
    for (const name of ['erin', 'frank', 'grace', 'alice'])
      expect(await kinds(name), name).to.deep.equal([]);
    expect(await kinds('bob')).to.deep.equal(['BuyerPurchaseConfirmed']);
    const [note] = await f.domain.outbox.pending(f.as('carol'));
    expect(note!.facts).to.include({
      productName: 'Power BI Pro',
      purchaserName: 'Bob Brown',
      quantity: 2,
      amountCents: 2800,
    });
    expect(note!.subjectId).to.equal(receipt.subscriptionId);
  });

  it('a repeated confirm with the same key gives the same receipt, one order and one charge', async () => {
    const f = fixture();
    await addCard(f, f.as('bob'));
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => checkout(f, 'bob', PRODUCT.powerApps, 5, 'same-click')),
    );
    const receipts = results.map(expectOk);
    expect(new Set(receipts.map((r) => r.orderId)).size).to.equal(1);
    expect(receipts.filter((r) => !r.alreadyDone)).to.have.length(1);
    const again = expectOk(await checkout(f, 'bob', PRODUCT.powerApps, 5, 'same-click'));
    expect(again.alreadyDone).to.equal(true);
    expect(expectOk(await f.domain.buyers.myPurchases(f.as('bob')))).to.have.length(1);
    expect(await chargesOn(f, 'bob')).to.have.length(1);
    expect((await f.domain.outbox.pending(f.as('carol'))).length).to.equal(1);
  });

  it('the same key with a different order is refused instead of guessed', async () => {
    const f = fixture();
    expectOk(await checkout(f, 'bob', PRODUCT.powerApps, 5, 'k'));
    expect(refusalCode(await checkout(f, 'bob', PRODUCT.powerApps, 6, 'k'))).to.equal(
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('a declined card creates nothing; the same click is told the same; a new checkout can succeed', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const declined = await addCard(f, bob, '4000 0000 0000 9995');
    const attempt = () =>
      f.domain.purchases.purchase({
        caller: bob,
        productId: PRODUCT.visioPlan1,
        quantity: 2,
        payment: { cardId: declined.cardId },
        idempotencyKey: 'd1',
      });
    const first = await attempt();
    expect(first.ok).to.equal(false);
    if (!first.ok) expect(first.refusal).to.deep.include({ code: 'PAYMENT_DECLINED' });
    if (!first.ok) expect(first.refusal.facts.declineCode).to.equal('insufficient_funds');
    expect(refusalCode(await attempt())).to.equal('PAYMENT_DECLINED');
    expect(expectOk(await f.domain.buyers.myPurchases(bob))).to.have.length(0);
    expect(await f.domain.outbox.pending(f.as('carol'))).to.have.length(0);
    const good = await addCard(f, bob);
    expectOk(
      await f.domain.purchases.purchase({
        caller: bob,
        productId: PRODUCT.visioPlan1,
        quantity: 2,
        payment: { cardId: good.cardId },
        idempotencyKey: 'd2',
      }),
    );
  });

  it('a product disabled during checkout refuses the confirmation and charges nothing (S-6)', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const card = await addCard(f, bob);
    expectOk(
      await f.domain.policies.updateProductPolicy(
        f.as('carol'),
        bob.tenantId,
        PRODUCT.visioPlan2,
        'Disabled',
        'MSCommerce',
      ),
    );
    const result = await f.domain.purchases.purchase({
      caller: bob,
      productId: PRODUCT.visioPlan2,
      quantity: 1,
      payment: { cardId: card.cardId },
      idempotencyKey: 'x',
    });
    expect(refusalCode(result)).to.equal('POLICY_DISABLED');
    expect(await chargesOn(f, 'bob')).to.have.length(0);
  });

  it('refuses invoice payment and unknown cards', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const viaInvoice = await f.domain.purchases.purchase({
      caller: bob,
      productId: PRODUCT.powerBiPro,
      quantity: 1,
      payment: { kind: 'Invoice' },
      idempotencyKey: 'i',
    });
    expect(refusalCode(viaInvoice)).to.equal('PAYMENT_METHOD_NOT_SUPPORTED');
    const unknownCard = await f.domain.purchases.purchase({
      caller: bob,
      productId: PRODUCT.powerBiPro,
      quantity: 1,
      payment: { cardId: 'card_nope' },
      idempotencyKey: 'u',
    });
    expect(refusalCode(unknownCard)).to.equal('PAYMENT_METHOD_NOT_FOUND');
  });

  describe('trials', () => {
    it('a trial without payment method: one license for 30 days, no renewal, no purchase notification (S-14)', async () => {
      const f = fixture();
      const receipt = expectOk(
        await f.domain.purchases.startTrial({
          caller: f.as('alice'),
          productId: PRODUCT.projectPlan1,
          idempotencyKey: 't1',
        }),
      );
      expect(receipt).to.include({
        kind: 'TrialNoPayment',
        quantity: 1,
        totalCents: 0,
        assignedToBuyer: true,
      });
      expect(receipt.expirationDate).to.equal('2026-04-01T09:00:00.000Z');
      const [sub] = expectOk(await f.domain.buyers.myPurchases(f.as('alice')));
      expect(sub!.recurringBilling).to.equal(false);
      expect((await f.domain.outbox.pending(f.as('dave'))).map((e) => e.kind)).to.deep.equal([]);
    });

    it('Global admins hear of the first trial of each product only (S-23)', async () => {
      const f = fixture();
      expectOk(
        await f.domain.purchases.startTrial({
          caller: f.as('alice'),
          productId: PRODUCT.projectPlan1,
          idempotencyKey: 'a',
        }),
      );
      expectOk(
        await f.domain.purchases.startTrial({
          caller: f.as('bob'),
          productId: PRODUCT.projectPlan1,
          idempotencyKey: 'b',
        }),
      );
      expectOk(
        await f.domain.purchases.startTrial({
          caller: f.as('bob'),
          productId: PRODUCT.visioPlan1,
          idempotencyKey: 'c',
        }),
      );
      const carol = (await f.domain.outbox.pending(f.as('carol'))).map(
        (e) => `${e.kind}:${String(e.facts.productName)}`,
      );
      expect(carol).to.deep.equal([
        'AdminFirstTrialStarted:Project Plan 1',
        'AdminFirstTrialStarted:Visio Plan 1',
      ]);
      expect(await f.domain.outbox.pending(f.as('dave'))).to.have.length(0);
    });

    it('one trial per person and product, even when started twice at once', async () => {
      const f = fixture();
      const start = (key: string) =>
        f.domain.purchases.startTrial({
          caller: f.as('alice'),
          productId: PRODUCT.visioPlan1,
          idempotencyKey: key,
        });
      const results = await Promise.all([start('x'), start('y')]);
      expect(results.filter((r) => r.ok)).to.have.length(1);
      expect(refusalCode(await start('z'))).to.equal('TRIAL_NOT_AVAILABLE');
      expect(expectOk(await start('x')).alreadyDone).to.equal(true);
    });

    it('a double click on "start trial" (the same key twice at once) starts one trial, and both clicks are told so', async () => {
      const f = fixture();
      const start = () =>
        f.domain.purchases.startTrial({
          caller: f.as('alice'),
          productId: PRODUCT.visioPlan1,
          idempotencyKey: 'same-button',
        });
      const results = (await Promise.all([start(), start(), start()])).map(expectOk);
      expect(new Set(results.map((r) => r.subscriptionId)).size).to.equal(1);
      expect(results.filter((r) => !r.alreadyDone)).to.have.length(1);
      expect(expectOk(await f.domain.buyers.myPurchases(f.as('alice')))).to.have.length(1);
    });

    it('a trial with a card converts later; without a free trial the product refuses a no-payment trial', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const card = await addCard(f, bob);
      const receipt = expectOk(
        await f.domain.purchases.startTrial({
          caller: bob,
          productId: PRODUCT.powerBiPro,
          payment: { cardId: card.cardId },
          idempotencyKey: 'w',
        }),
      );
      expect(receipt.kind).to.equal('TrialWithPayment');
      expect(await chargesOn(f, 'bob')).to.have.length(0);
      expect(
        refusalCode(
          await f.domain.purchases.startTrial({
            caller: f.as('alice'),
            productId: PRODUCT.powerBiPro,
            idempotencyKey: 'n',
          }),
        ),
      ).to.equal('TRIAL_NOT_AVAILABLE');
    });

    it('under OnlyTrialsWithoutPaymentMethod, a free trial is allowed and a purchase is not', async () => {
      const f = fixture();
      const tenant = f.as('alice').tenantId;
      expectOk(
        await f.domain.policies.updateProductPolicy(
          f.as('carol'),
          tenant,
          PRODUCT.visioPlan1,
          'OnlyTrialsWithoutPaymentMethod',
          'MSCommerce',
        ),
      );
      expectOk(
        await f.domain.purchases.startTrial({
          caller: f.as('alice'),
          productId: PRODUCT.visioPlan1,
          idempotencyKey: 'ok',
        }),
      );
      expect(refusalCode(await checkout(f, 'bob', PRODUCT.visioPlan1, 1, 'no'))).to.equal(
        'POLICY_TRIALS_ONLY',
      );
    });
  });

  it('a directory that fails after eligibility passed refuses before anything is charged', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const card = await addCard(f, bob);
    const stub = sinon
      .stub(f.directory, 'usersWithRoles')
      .rejects(new DirectoryUnavailableError('Graph answered 503'));
    try {
      const result = await f.domain.purchases.purchase({
        caller: bob,
        productId: PRODUCT.powerApps,
        quantity: 2,
        payment: { cardId: card.cardId },
        idempotencyKey: 'outage',
      });
      expect(refusalCode(result)).to.equal('DIRECTORY_UNAVAILABLE');
    } finally {
      stub.restore();
    }
    expect(await chargesOn(f, 'bob')).to.have.length(0);
    const retried = await f.domain.purchases.purchase({
      caller: bob,
      productId: PRODUCT.powerApps,
      quantity: 2,
      payment: { cardId: card.cardId },
      idempotencyKey: 'outage',
    });
    expect(expectOk(retried).alreadyDone).to.equal(false);
    expect(await chargesOn(f, 'bob')).to.have.length(1);
  });

  describe('a crash between the intent and the charge, given up by the lifecycle job', () => {
    it('a click on it is told it was abandoned with nothing charged; a new purchase buys', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const card = await addCard(f, bob);
      const request = {
        caller: bob,
        productId: PRODUCT.powerApps,
        quantity: 2,
        payment: { cardId: card.cardId },
        idempotencyKey: 'dead',
      };
      const charge = sinon.stub(f.domain.payments, 'charge').rejects(new Error('process died'));
      await f.domain.purchases.purchase(request).catch(() => undefined);
      charge.restore();
      f.clock.advance(3 * 60 * 1000);
      expect((await f.domain.lifecycle.runOnce()).recovered).to.equal(1);

      const again = await f.domain.purchases.purchase(request);
      expect(refusalCode(again)).to.equal('PURCHASE_ABANDONED');
      expect(await chargesOn(f, 'bob')).to.have.length(0);
      expect(expectOk(await f.domain.buyers.myPurchases(bob))).to.have.length(0);

      const fresh = expectOk(
        await f.domain.purchases.purchase({ ...request, idempotencyKey: 'fresh' }),
      );
      expect(fresh.alreadyDone).to.equal(false);
      expect(await chargesOn(f, 'bob')).to.have.length(1);
    });
  });

  describe('a crash between charge and subscription', () => {
    /** A provider that "crashes" the process right after the first successful charge. */
    class CrashingProvider extends SimulatedCardProvider {
      crashes = 1;
      override async charge(request: ChargeRequest): Promise<Transaction> {
        const transaction = await super.charge(request);
        if (this.crashes > 0) {
          this.crashes -= 1;
          throw new Error('process died');
        }
        return transaction;
      }
    }

    function crashingFixture() {
      const store = new MemoryAtomicStore();
      const clock = new SettableClock(START);
      const seed = demoSeed();
      const provider = new CrashingProvider(new Records(store), clock);
      const domain = createDomain({
        store,
        directory: new SeedDirectory(seed),
        clock,
        paymentProvider: provider,
      });
      return { domain, clock, bob: person(seed, 'bob'), provider };
    }

    it('is finished by retrying the same click: one charge, one subscription', async () => {
      const { domain, bob, provider } = crashingFixture();
      const card = await addCard({ domain }, bob);
      const request = {
        caller: bob,
        productId: PRODUCT.powerBiPro,
        quantity: 2,
        payment: { cardId: card.cardId },
        idempotencyKey: 'crash',
      };
      let error: unknown;
      await domain.purchases.purchase(request).catch((e: unknown) => (error = e));
      expect(String(error)).to.include('process died');
      expect(expectOk(await domain.buyers.myPurchases(bob))).to.have.length(0);
      const receipt = expectOk(await domain.purchases.purchase(request));
      expect(receipt.quantity).to.equal(2);
      expect(await provider.transactionsFor(card.token)).to.have.length(1);
    });

    it('the next click on a finished one says "Already done", whoever finished it', async () => {
      const { domain, bob, provider, clock } = crashingFixture();
      const card = await addCard({ domain }, bob);
      const request = {
        caller: bob,
        productId: PRODUCT.powerBiPro,
        quantity: 2,
        payment: { cardId: card.cardId },
        idempotencyKey: 'c3',
      };
      await domain.purchases.purchase(request).catch(() => undefined);
      clock.advance(3 * 60 * 1000);
      expect((await domain.lifecycle.runOnce()).recovered).to.equal(1);
      const again = expectOk(await domain.purchases.purchase(request));
      expect(again.alreadyDone).to.equal(true);
      expect(await provider.transactionsFor(card.token)).to.have.length(1);
    });

    it('is finished by the lifecycle job when nobody retries', async () => {
      const { domain, bob, provider, clock } = crashingFixture();
      const card = await addCard({ domain }, bob);
      await domain.purchases
        .purchase({
          caller: bob,
          productId: PRODUCT.powerBiPro,
          quantity: 2,
          payment: { cardId: card.cardId },
          idempotencyKey: 'c2',
        })
        .catch(() => undefined);
      clock.advance(3 * 60 * 1000);
      const report = await domain.lifecycle.runOnce();
      expect(report.recovered).to.equal(1);
      const [sub] = expectOk(await domain.buyers.myPurchases(bob));
      expect(sub).to.include({ quantity: 2, status: 'Active' });
      expect(await provider.transactionsFor(card.token)).to.have.length(1);
    });
  });
});
