// What a buyer does after purchase (§3.2): buy more (S-10), remove and cancel around the 7-day window (S-11).

import { expect } from 'chai';
import { MS_PER_DAY } from '../../services/clock.js';
import type { SimulatedCardProvider } from '../../services/payments/simulatedCardProvider.js';
import {
  addCard,
  buy,
  expectOk,
  fixture,
  PRODUCT,
  refusalCode,
  type Fixture,
} from '../helpers/domainFixture.js';

async function setup(quantity = 5) {
  const f = fixture();
  const bob = f.as('bob');
  const receipt = await buy(f, bob, PRODUCT.powerBiPro, quantity);
  const sub = () => f.domain.buyers.subscription(bob, receipt.subscriptionId).then(expectOk);
  const charges = async () => {
    const [card] = await f.domain.paymentMethods.list(bob);
    return (await (f.domain.payments as SimulatedCardProvider).transactionsFor(card!.token)).map(
      (t) => (t.type === 'refund' ? -t.amountCents : t.amountCents),
    );
  };
  return { f, bob, id: receipt.subscriptionId, sub, charges };
}

const days = (f: Fixture, n: number) => f.clock.advance(n * MS_PER_DAY);

describe('buyer operations', () => {
  describe('buy more licenses (S-10)', () => {
    it('charges the added licenses at once, without proration, and they are usable at once', async () => {
      const { f, bob, id, sub, charges } = await setup(3);
      days(f, 20);
      const outcome = expectOk(await f.domain.buyers.changeQuantity(bob, id, 5, 'more-1'));
      expect(outcome).to.include({ type: 'AddLicenses', amountCents: 2800, alreadyDone: false });
      expect((await sub()).quantity).to.equal(5);
      expect((await sub()).freeLicenses).to.equal(4);
      expect(await charges()).to.deep.equal([4200, 2800]);
      const bobsNotes = (await f.domain.outbox.pending(bob)).map((e) => e.kind);
      expect(bobsNotes).to.include('BuyerLicensesChanged');
    });

    it('a double click adds once and tells the second click it is already done', async () => {
      const { f, bob, id, sub, charges } = await setup(3);
      const [a, b] = await Promise.all([
        f.domain.buyers.changeQuantity(bob, id, 4, 'click'),
        f.domain.buyers.changeQuantity(bob, id, 4, 'click'),
      ]);
      const outcomes = [a, b].map((r) => (r.ok ? r.value.alreadyDone : r.refusal.code));
      expect(outcomes.filter((o) => o === false)).to.have.length(1);
      expect((await sub()).quantity).to.equal(4);
      expect(await charges()).to.deep.equal([4200, 1400]);
      expect(
        expectOk(await f.domain.buyers.changeQuantity(bob, id, 4, 'click')).alreadyDone,
      ).to.equal(true);
    });

    it('refuses a trial, an unchanged or invalid quantity, and other people', async () => {
      const { f, bob, id } = await setup(3);
      expect(refusalCode(await f.domain.buyers.changeQuantity(bob, id, 3, 'same'))).to.equal(
        'QUANTITY_UNCHANGED',
      );
      expect(refusalCode(await f.domain.buyers.changeQuantity(bob, id, 0, 'zero'))).to.equal(
        'INVALID_QUANTITY',
      );
      expect(refusalCode(await f.domain.buyers.changeQuantity(bob, id, 10_001, 'big'))).to.equal(
        'INVALID_QUANTITY',
      );
      expect(refusalCode(await f.domain.buyers.changeQuantity(f.as('alice'), id, 4, 'a'))).to.equal(
        'NOT_SUBSCRIPTION_OWNER',
      );
      expect(refusalCode(await f.domain.buyers.changeQuantity(f.as('carol'), id, 4, 'c'))).to.equal(
        'TAKEOVER_REQUIRED',
      );
      const trial = expectOk(
        await f.domain.purchases.startTrial({
          caller: f.as('alice'),
          productId: PRODUCT.visioPlan1,
          idempotencyKey: 't',
        }),
      );
      expect(
        refusalCode(
          await f.domain.buyers.changeQuantity(f.as('alice'), trial.subscriptionId, 2, 'x'),
        ),
      ).to.equal('TRIAL_SUBSCRIPTION');
    });
  });

  describe('remove licenses (S-11)', () => {
    it('within the window: at once, with prorated credit to the card', async () => {
      const { f, bob, id, sub, charges } = await setup(5);
      f.clock.advance(2 * MS_PER_DAY + 3600_000); // 28 whole days left of 31
      const outcome = expectOk(await f.domain.buyers.changeQuantity(bob, id, 3, 'less'));
      // 2 × 1400 × 28 / 31 = 2529.03 -> 2529
      expect(outcome).to.include({ type: 'RemoveLicenses', amountCents: -2529 });
      expect((await sub()).quantity).to.equal(3);
      expect(await charges()).to.deep.equal([7000, -2529]);
      const invoices = expectOk(await f.domain.buyers.invoices(bob));
      expect(invoices.map((i) => [i.amountCents, i.status])).to.deep.include([-2529, 'Credited']);
    });

    it('after the window: scheduled for the next renewal, nothing credited', async () => {
      const { f, bob, id, sub, charges } = await setup(5);
      days(f, 8);
      const outcome = expectOk(await f.domain.buyers.changeQuantity(bob, id, 2, 'later'));
      expect(outcome.facts).to.include({
        effective: 'renewal',
        effectiveAt: '2026-04-02T09:00:00.000Z',
      });
      expect((await sub()).quantity).to.equal(5);
      expect((await sub()).pendingQuantityAtRenewal).to.equal(2);
      expect(await charges()).to.deep.equal([7000]);
      f.clock.set('2026-04-02T09:00:00.000Z');
      await f.domain.lifecycle.runOnce();
      expect((await sub()).quantity).to.equal(2);
      expect(await charges()).to.deep.equal([7000, 2800]);
    });

    const edges: { name: string; after: number; immediate: boolean }[] = [
      {
        name: 'one millisecond before 7 × 24 h: immediate',
        after: 7 * MS_PER_DAY - 1,
        immediate: true,
      },
      { name: 'exactly 7 × 24 h: scheduled', after: 7 * MS_PER_DAY, immediate: false },
    ];
    for (const edge of edges) {
      it(`window edge, ${edge.name}`, async () => {
        const { f, bob, id } = await setup(5);
        f.clock.advance(edge.after);
        const outcome = expectOk(await f.domain.buyers.changeQuantity(bob, id, 4, 'edge'));
        expect(outcome.facts.effective).to.equal(edge.immediate ? 'now' : 'renewal');
      });
    }

    it('a license addition opens a new window', async () => {
      const { f, bob, id } = await setup(5);
      days(f, 6);
      expectOk(await f.domain.buyers.changeQuantity(bob, id, 6, 'add'));
      days(f, 4); // day 10: 4 days after the addition
      const outcome = expectOk(await f.domain.buyers.changeQuantity(bob, id, 5, 'remove'));
      expect(outcome.facts.effective).to.equal('now');
    });

    it('never below the number of assigned licenses', async () => {
      const { f, bob, id } = await setup(5);
      expectOk(
        await f.domain.licenses.assign(bob, id, ['alice@contoso.com', 'heidi@contoso.com'], 'a'),
      );
      const result = await f.domain.buyers.changeQuantity(bob, id, 2, 'too-few');
      expect(refusalCode(result)).to.equal('LICENSES_ASSIGNED');
      if (!result.ok) expect(result.refusal.facts).to.include({ assigned: 3, requested: 2 });
    });
  });

  describe('cancel', () => {
    it('within the window: prorated refund and Disabled at once (users lose access)', async () => {
      const { f, bob, id, sub, charges } = await setup(2);
      days(f, 3);
      const preview = expectOk(await f.domain.buyers.cancellationPreview(bob, id));
      // 2 × 1400 × 28 / 31 = 2529.03 -> 2529
      expect(preview).to.include({ immediate: true, refundCents: 2529 });
      const outcome = expectOk(await f.domain.buyers.cancel(bob, id, 'cancel'));
      expect(outcome.facts).to.include({ status: 'Disabled', refundCents: 2529 });
      expect((await sub()).status).to.equal('Disabled');
      expect(await charges()).to.deep.equal([2800, -2529]);
      expect(refusalCode(await f.domain.buyers.cancel(bob, id, 'again'))).to.equal(
        'SUBSCRIPTION_NOT_ACTIVE',
      );
      expect(expectOk(await f.domain.buyers.cancel(bob, id, 'cancel')).alreadyDone).to.equal(true);
    });

    it('after the window: recurring billing off, Active until the expiration date, then Expired', async () => {
      const { f, bob, id, sub, charges } = await setup(2);
      days(f, 10);
      const preview = expectOk(await f.domain.buyers.cancellationPreview(bob, id));
      expect(preview).to.include({
        immediate: false,
        refundCents: 0,
        activeUntil: '2026-04-02T09:00:00.000Z',
      });
      expectOk(await f.domain.buyers.cancel(bob, id, 'off'));
      expect(await sub()).to.include({ status: 'Active', recurringBilling: false });
      expect((await sub()).renewalDate).to.equal(undefined);
      f.clock.set('2026-04-02T09:00:00.000Z');
      await f.domain.lifecycle.runOnce();
      expect((await sub()).status).to.equal('Expired');
      expect(await charges()).to.deep.equal([2800]);
    });

    it('removing licenses needs recurring billing on', async () => {
      const { f, bob, id } = await setup(3);
      days(f, 10);
      expectOk(await f.domain.buyers.cancel(bob, id, 'off'));
      expect(refusalCode(await f.domain.buyers.changeQuantity(bob, id, 2, 'x'))).to.equal(
        'RECURRING_BILLING_OFF',
      );
    });
  });

  describe('invoices and card', () => {
    it('lists the past 3 months by default, 6 months or a range on request', async () => {
      const { f, bob } = await setup(1);
      f.clock.set('2026-08-10T00:00:00.000Z');
      await f.domain.lifecycle.runOnce();
      const threeMonths = expectOk(await f.domain.buyers.invoices(bob));
      const sixMonths = expectOk(await f.domain.buyers.invoices(bob, { months: 6 }));
      const range = expectOk(
        await f.domain.buyers.invoices(bob, {
          from: '2026-03-01T00:00:00Z',
          to: '2026-03-31T00:00:00Z',
        }),
      );
      expect(threeMonths.map((i) => i.periodStart.slice(0, 7))).to.deep.equal([
        '2026-08',
        '2026-07',
        '2026-06',
      ]);
      expect(sixMonths).to.have.length(6);
      expect(range.map((i) => i.periodStart.slice(0, 10))).to.deep.equal(['2026-03-02']);
      expect(expectOk(await f.domain.buyers.invoices(f.as('alice')))).to.deep.equal([]);
    });

    it('updates the card a subscription is billed to; only the owner may', async () => {
      const { f, bob, id, sub } = await setup(1);
      const mastercard = await addCard(f, bob, '5555 5555 5555 4444');
      const view = expectOk(await f.domain.buyers.updatePaymentMethod(bob, id, mastercard.cardId));
      expect(view.card).to.include({ brand: 'Mastercard', last4: '4444' });
      expect((await sub()).card?.last4).to.equal('4444');
      expect(
        refusalCode(
          await f.domain.buyers.updatePaymentMethod(f.as('carol'), id, mastercard.cardId),
        ),
      ).to.equal('NOT_SUBSCRIPTION_OWNER');
    });
  });
});
