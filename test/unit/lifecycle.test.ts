// The lifecycle over the clock (§3.3, S-14, S-15, S-24, S-25): renewals, trial ends, Expired -> Disabled -> Deleted.

import { expect } from 'chai';
import { MS_PER_DAY } from '../../services/clock.js';
import { createDomain } from '../../services/domain.js';
import { SeedDirectory } from '../../services/directory/seedDirectory.js';
import type { SimulatedCardProvider } from '../../services/payments/simulatedCardProvider.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import {
  addCard,
  buy,
  expectOk,
  fixture,
  PRODUCT,
  refusalCode,
  type Fixture,
} from '../helpers/domainFixture.js';
import type { Caller } from '../../services/access/actor.js';

async function charges(f: Fixture, caller: Caller): Promise<number[]> {
  const cards = await f.domain.paymentMethods.list(caller);
  const all = await Promise.all(
    cards.map((c) => (f.domain.payments as SimulatedCardProvider).transactionsFor(c.token)),
  );
  return all
    .flat()
    .filter((t) => t.status === 'succeeded')
    .map((t) => (t.type === 'refund' ? -t.amountCents : t.amountCents));
}

describe('lifecycle', () => {
  it('renews at the expiration date: a new term, charged in full, once however often the job runs (S-24)', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const { subscriptionId: id } = await buy(f, bob, PRODUCT.powerApps, 2);
    f.clock.set('2026-04-02T09:00:00.000Z');
    await Promise.all([f.domain.lifecycle.runOnce(), f.domain.lifecycle.runOnce()]);
    await f.domain.lifecycle.runOnce();
    const sub = expectOk(await f.domain.buyers.subscription(bob, id));
    expect(sub).to.include({ status: 'Active', expirationDate: '2026-05-02T09:00:00.000Z' });
    expect(sub.orders.map((o) => o.type)).to.deep.equal(['New', 'Renewal']);
    expect(await charges(f, bob)).to.deep.equal([4000, 4000]);
    expect((await f.domain.outbox.pending(bob)).map((e) => e.kind)).to.include('BuyerRenewed');
  });

  it('catches up several months at once, and renews at the price in force', async () => {
    const f = fixture({ start: '2025-03-15T12:00:00.000Z' });
    const bob = f.as('bob');
    const { subscriptionId: id } = await buy(f, bob, PRODUCT.powerBiPro, 1);
    f.clock.set('2025-06-20T00:00:00.000Z');
    await f.domain.lifecycle.runOnce();
    const sub = expectOk(await f.domain.buyers.subscription(bob, id));
    expect(sub.expirationDate).to.equal('2025-07-15T12:00:00.000Z');
    expect(await charges(f, bob)).to.deep.equal([1000, 1400, 1400, 1400]);
  });

  it('a declined renewal leaves it Expired with an unpaid invoice; paying it brings it back (S-25)', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const card = expectOk(
      await f.domain.paymentMethods.addCard(bob, {
        number: '4242424242424242',
        expiryMonth: 3,
        expiryYear: 2026,
        cvc: '123',
        holder: 'Bob',
      }),
    );
    const receipt = expectOk(
      await f.domain.purchases.purchase({
        caller: bob,
        productId: PRODUCT.visioPlan2,
        quantity: 1,
        payment: { cardId: card.cardId },
        idempotencyKey: 'k',
      }),
    );
    f.clock.set('2026-04-02T10:00:00.000Z');
    const report = await f.domain.lifecycle.runOnce();
    expect(report.renewalsFailed).to.equal(1);
    const expired = expectOk(await f.domain.buyers.subscription(bob, receipt.subscriptionId));
    expect(expired.status).to.equal('Expired');
    const [unpaid] = expectOk(await f.domain.buyers.invoices(bob)).filter(
      (i) => i.status === 'Unpaid',
    );
    expect(unpaid).to.include({ amountCents: 1500 });
    expect((await f.domain.outbox.pending(bob)).map((e) => e.kind)).to.include(
      'BuyerPaymentFailed',
    );
    expect(refusalCode(await f.domain.buyers.payInvoice(bob, unpaid!.id, 'pay-1'))).to.equal(
      'PAYMENT_DECLINED',
    );
    const fresh = await addCard(f, bob);
    expectOk(await f.domain.buyers.updatePaymentMethod(bob, receipt.subscriptionId, fresh.cardId));
    expectOk(await f.domain.buyers.payInvoice(bob, unpaid!.id, 'pay-2'));
    const back = expectOk(await f.domain.buyers.subscription(bob, receipt.subscriptionId));
    expect(back).to.include({ status: 'Active', expirationDate: '2026-05-02T09:00:00.000Z' });
    expect(refusalCode(await f.domain.buyers.payInvoice(bob, unpaid!.id, 'pay-3'))).to.equal(
      'INVOICE_ALREADY_PAID',
    );
  });

  it('Expired for 30 days (users keep access), Disabled for 90, then Deleted and licenses released (S-25)', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const { subscriptionId: id } = await buy(f, bob, PRODUCT.powerApps, 2);
    expectOk(await f.domain.licenses.assign(bob, id, ['alice@contoso.com'], 'a'));
    f.clock.advance(10 * MS_PER_DAY);
    expectOk(await f.domain.buyers.cancel(bob, id, 'off'));
    const statusAt = async (iso: string) => {
      f.clock.set(iso);
      await f.domain.lifecycle.runOnce();
      return expectOk(await f.domain.buyers.subscription(bob, id));
    };
    expect((await statusAt('2026-04-02T08:59:59.000Z')).status).to.equal('Active');
    const expired = await statusAt('2026-04-02T09:00:00.000Z');
    expect(expired.status).to.equal('Expired');
    expect(expired.assignedUsers).to.have.length(2);
    expect((await statusAt('2026-05-02T08:59:59.000Z')).status).to.equal('Expired');
    expect((await statusAt('2026-05-02T09:00:00.000Z')).status).to.equal('Disabled');
    expect((await statusAt('2026-07-31T08:59:59.000Z')).status).to.equal('Disabled');
    const deleted = await statusAt('2026-07-31T09:00:00.000Z');
    expect(deleted.status).to.equal('Deleted');
    expect(deleted.assignedUsers).to.have.length(0);
  });

  it('a trial without payment method expires after 30 days and is never charged (S-14)', async () => {
    const f = fixture();
    const alice = f.as('alice');
    const trial = expectOk(
      await f.domain.purchases.startTrial({
        caller: alice,
        productId: PRODUCT.projectPlan1,
        idempotencyKey: 't',
      }),
    );
    f.clock.set('2026-04-01T09:00:00.000Z');
    await f.domain.lifecycle.runOnce();
    expect(
      expectOk(await f.domain.buyers.subscription(alice, trial.subscriptionId)).status,
    ).to.equal('Expired');
  });

  it('a trial with a card converts to paid at the end, without an admin purchase notification (S-23)', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const card = await addCard(f, bob);
    const trial = expectOk(
      await f.domain.purchases.startTrial({
        caller: bob,
        productId: PRODUCT.powerBiPro,
        payment: { cardId: card.cardId },
        idempotencyKey: 't',
      }),
    );
    f.clock.set('2026-04-01T09:00:00.000Z');
    await f.domain.lifecycle.runOnce();
    const sub = expectOk(await f.domain.buyers.subscription(bob, trial.subscriptionId));
    expect(sub).to.include({
      kind: 'Paid',
      status: 'Active',
      expirationDate: '2026-05-01T09:00:00.000Z',
    });
    expect(await charges(f, bob)).to.deep.equal([1400]);
    expect((await f.domain.outbox.pending(bob)).map((e) => e.kind)).to.include(
      'BuyerTrialConverted',
    );
    expect((await f.domain.outbox.pending(f.as('dave'))).map((e) => e.kind)).to.deep.equal([]);
  });

  it('a buyer who leaves: the subscription stays Active and keeps renewing; admins see it as such (S-15, §4.6)', async () => {
    const store = new MemoryAtomicStore();
    const before = fixture({ store });
    const bob = before.as('bob');
    const { subscriptionId: id } = await buy(before, bob, PRODUCT.powerApps, 2);
    // The same store, later: Bob's account has been disabled.
    const seed = structuredClone(before.seed);
    const bobUser = seed.tenants[0]!.users.find((u) => u.id === bob.userId)!;
    bobUser.accountEnabled = false;
    before.clock.set('2026-04-02T09:00:00.000Z');
    const after = createDomain({ store, directory: new SeedDirectory(seed), clock: before.clock });
    await after.lifecycle.runOnce();
    const list = expectOk(
      await after.overview.list(before.as('carol'), bob.tenantId, { purchaserLeft: true }),
    );
    expect(list.items.map((i) => [i.id, i.status, i.purchaser?.left])).to.deep.equal([
      [id, 'Active', true],
    ]);
    expect(list.items[0]!.orders.map((o) => o.type)).to.deep.equal(['New', 'Renewal']);
  });

  describe('after a renewal is declined (S-24, S-25)', () => {
    /** A card that expires at the end of March 2026: good for the purchase on March 2, declined from April. */
    const marchCard = async (f: Fixture, caller: Caller) =>
      expectOk(
        await f.domain.paymentMethods.addCard(caller, {
          number: '4242424242424242',
          expiryMonth: 3,
          expiryYear: 2026,
          cvc: '123',
          holder: 'Bob',
        }),
      );
    const unpaidInvoice = async (f: Fixture, caller: Caller) => {
      const [unpaid] = expectOk(await f.domain.buyers.invoices(caller)).filter(
        (i) => i.status === 'Unpaid',
      );
      expect(unpaid, 'an unpaid invoice').to.not.equal(undefined);
      return unpaid!;
    };
    /** Visio Plan 2 bought on the March card, its April renewal declined, then a new card put on it. */
    const declinedThenNewCard = async (f: Fixture, caller: Caller, quantity: number) => {
      const card = await marchCard(f, caller);
      const { subscriptionId: id } = expectOk(
        await f.domain.purchases.purchase({
          caller,
          productId: PRODUCT.visioPlan2,
          quantity,
          payment: { cardId: card.cardId },
          idempotencyKey: 'k',
        }),
      );
      f.clock.set('2026-04-02T10:00:00.000Z');
      await f.domain.lifecycle.runOnce();
      const unpaid = await unpaidInvoice(f, caller);
      const fresh = await addCard(f, caller);
      expectOk(await f.domain.buyers.updatePaymentMethod(caller, id, fresh.cardId));
      return { id, unpaid };
    };

    it('paying the invoice starts the term it bills: the reduction scheduled for the renewal, at its price', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const card = await marchCard(f, bob);
      const { subscriptionId: id } = expectOk(
        await f.domain.purchases.purchase({
          caller: bob,
          productId: PRODUCT.powerApps,
          quantity: 5,
          payment: { cardId: card.cardId },
          idempotencyKey: 'k',
        }),
      );
      f.clock.advance(10 * MS_PER_DAY);
      // Outside the 7-day window: the reduction waits for the renewal.
      expectOk(await f.domain.buyers.changeQuantity(bob, id, 3, 'reduce'));
      f.clock.set('2026-04-02T10:00:00.000Z');
      expect((await f.domain.lifecycle.runOnce()).renewalsFailed).to.equal(1);
      const unpaid = await unpaidInvoice(f, bob);
      expect(unpaid).to.include({ amountCents: 3 * 2000 });
      const fresh = await addCard(f, bob);
      expectOk(await f.domain.buyers.updatePaymentMethod(bob, id, fresh.cardId));
      expectOk(await f.domain.buyers.payInvoice(bob, unpaid.id, 'pay'));
      const sub = expectOk(await f.domain.buyers.subscription(bob, id));
      expect(sub).to.include({ status: 'Active', quantity: 3, unitPriceCents: 2000 });
      expect(sub.pendingQuantityAtRenewal).to.equal(undefined);
      expect(sub.orders.at(-1)).to.include({ type: 'Renewal', quantityDelta: -2 });
    });

    it('a trial whose conversion is declined becomes a paid subscription once its invoice is paid', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const card = await marchCard(f, bob);
      const trial = expectOk(
        await f.domain.purchases.startTrial({
          caller: bob,
          productId: PRODUCT.powerBiPro,
          payment: { cardId: card.cardId },
          idempotencyKey: 't',
        }),
      );
      f.clock.set('2026-04-01T10:00:00.000Z');
      expect((await f.domain.lifecycle.runOnce()).renewalsFailed).to.equal(1);
      const fresh = await addCard(f, bob);
      expectOk(await f.domain.buyers.updatePaymentMethod(bob, trial.subscriptionId, fresh.cardId));
      expectOk(await f.domain.buyers.payInvoice(bob, (await unpaidInvoice(f, bob)).id, 'pay'));
      const sub = expectOk(await f.domain.buyers.subscription(bob, trial.subscriptionId));
      expect(sub).to.include({ kind: 'Paid', status: 'Active', quantity: 1 });
      // A paid subscription: licenses can be added, and a cancellation in the window is refunded.
      expectOk(await f.domain.buyers.changeQuantity(bob, trial.subscriptionId, 2, 'more'));
      const preview = expectOk(
        await f.domain.buyers.cancellationPreview(bob, trial.subscriptionId),
      );
      expect(preview.refundCents).to.be.greaterThan(0);
    });

    it('an admin reactivation voids the unpaid invoice, so the same period is never charged twice', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const { id, unpaid } = await declinedThenNewCard(f, bob, 2);
      const tenantId = f.as('carol').tenantId;
      expectOk(await f.domain.takeovers.reactivate(f.as('carol'), tenantId, id, 'back'));
      expect(refusalCode(await f.domain.buyers.payInvoice(bob, unpaid.id, 'pay'))).to.equal(
        'INVOICE_VOID',
      );
      const invoices = expectOk(await f.domain.buyers.invoices(bob));
      expect(invoices.find((i) => i.id === unpaid.id)?.status).to.equal('Void');
      expect(invoices.filter((i) => i.status === 'Unpaid')).to.deep.equal([]);
      expect(await charges(f, bob)).to.deep.equal([3000, 3000]);
    });

    it('a reactivated trial with a card is a paid subscription, charged for the licenses it has', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const card = await addCard(f, bob);
      const trial = expectOk(
        await f.domain.purchases.startTrial({
          caller: bob,
          productId: PRODUCT.powerBiPro,
          payment: { cardId: card.cardId },
          idempotencyKey: 't',
        }),
      );
      f.clock.advance(MS_PER_DAY);
      expectOk(await f.domain.buyers.cancel(bob, trial.subscriptionId, 'off'));
      const tenantId = f.as('carol').tenantId;
      const outcome = expectOk(
        await f.domain.takeovers.reactivate(f.as('carol'), tenantId, trial.subscriptionId, 'r'),
      );
      expect(outcome.amountCents).to.equal(1400);
      const sub = expectOk(await f.domain.buyers.subscription(bob, trial.subscriptionId));
      expect(sub).to.include({ kind: 'Paid', status: 'Active', unitPriceCents: 1400 });
      expectOk(await f.domain.buyers.changeQuantity(bob, trial.subscriptionId, 2, 'more'));
    });

    it('once Disabled, the invoice can no longer be paid; once Deleted, it is void', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const { unpaid } = await declinedThenNewCard(f, bob, 1);
      f.clock.set('2026-05-02T10:00:00.000Z');
      await f.domain.lifecycle.runOnce();
      expect(refusalCode(await f.domain.buyers.payInvoice(bob, unpaid.id, 'pay'))).to.equal(
        'SUBSCRIPTION_NOT_ACTIVE',
      );
      f.clock.set('2026-08-01T10:00:00.000Z');
      await f.domain.lifecycle.runOnce();
      const invoices = expectOk(await f.domain.buyers.invoices(bob, { months: 6 }));
      expect(invoices.find((i) => i.id === unpaid.id)?.status).to.equal('Void');
      expect(await charges(f, bob)).to.deep.equal([1500]);
    });
  });
});
