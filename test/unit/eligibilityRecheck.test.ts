// Eligibility at the moment of confirmation (S-6), and policy changes that leave existing purchases alone (S-22).

import { expect } from 'chai';
import { findProductById } from '../../services/catalog/catalog.js';
import type { PaymentChoice } from '../../services/payments/paymentMethods.js';
import type { SimulatedCardProvider } from '../../services/payments/simulatedCardProvider.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import { MS_PER_DAY } from '../../services/clock.js';
import {
  addCard,
  buy,
  expectOk,
  fixture,
  PRODUCT,
  refusalCode,
  type Fixture,
} from '../helpers/domainFixture.js';

/** Carol, Contoso's Global admin, sets a product's policy. */
async function carolSets(f: Fixture, productId: string, value: PolicyValue): Promise<void> {
  const carol = f.as('carol');
  expectOk(
    await f.domain.policies.updateProductPolicy(carol, carol.tenantId, productId, value, 'chat'),
  );
}

/** Every charge and refund ever made on the caller's saved cards. */
async function moneyMoved(f: Fixture, name: string): Promise<number[]> {
  const provider = f.domain.payments as SimulatedCardProvider;
  const cards = await f.domain.paymentMethods.list(f.as(name));
  const all = await Promise.all(cards.map((c) => provider.transactionsFor(c.token)));
  return all.flat().map((t) => (t.type === 'charge' ? t.amountCents : -t.amountCents));
}

async function purchasesOf(f: Fixture, name: string) {
  return expectOk(await f.domain.buyers.myPurchases(f.as(name)));
}

describe('eligibility at confirmation and after a policy change', () => {
  describe('the policy is checked again when the order is confirmed (S-6)', () => {
    const changes: [PolicyValue, string][] = [
      ['Disabled', 'POLICY_DISABLED'],
      ['OnlyTrialsWithoutPaymentMethod', 'POLICY_TRIALS_ONLY'],
    ];
    for (const [value, code] of changes) {
      it(`a product set to ${value} mid-checkout refuses the order with ${code}; nothing is charged`, async () => {
        const f = fixture();
        const alice = f.as('alice');
        const product = findProductById(PRODUCT.projectPlan1);
        if (!product) throw new Error('no Project Plan 1');
        const atStart = await f.domain.eligibility.check({
          applicant: { caller: alice },
          product,
          intent: 'purchase',
          quantity: 2,
        });
        expect(atStart.eligible).to.equal(true);
        const card = await addCard(f, alice);
        await carolSets(f, PRODUCT.projectPlan1, value);

        const result = await f.domain.purchases.purchase({
          caller: alice,
          productId: PRODUCT.projectPlan1,
          quantity: 2,
          payment: { cardId: card.cardId },
          idempotencyKey: 'checkout-1',
        });

        expect(refusalCode(result)).to.equal(code);
        expect(await moneyMoved(f, 'alice')).to.deep.equal([]);
        expect(await purchasesOf(f, 'alice')).to.deep.equal([]);
        const carolInbox = await f.domain.outbox.pending(f.as('carol'));
        expect(carolInbox.map((e) => e.kind)).to.not.include('AdminPurchaseCreated');
      });
    }

    it('once the product is allowed again, the same checkout goes through', async () => {
      const f = fixture();
      const alice = f.as('alice');
      const card = await addCard(f, alice);
      const order = {
        caller: alice,
        productId: PRODUCT.projectPlan1,
        quantity: 2,
        payment: { cardId: card.cardId },
        idempotencyKey: 'checkout-1',
      };
      await carolSets(f, PRODUCT.projectPlan1, 'Disabled');
      expect(refusalCode(await f.domain.purchases.purchase(order))).to.equal('POLICY_DISABLED');
      await carolSets(f, PRODUCT.projectPlan1, 'Enabled');
      const receipt = expectOk(await f.domain.purchases.purchase(order));
      expect(receipt).to.include({ quantity: 2, totalCents: 2000, alreadyDone: false });
      expect(await moneyMoved(f, 'alice')).to.deep.equal([2000]);
    });

    it('a trial started after the product was disabled is refused and creates nothing', async () => {
      const f = fixture();
      await carolSets(f, PRODUCT.visioPlan1, 'Disabled');
      const result = await f.domain.purchases.startTrial({
        caller: f.as('alice'),
        productId: PRODUCT.visioPlan1,
        idempotencyKey: 'trial-1',
      });
      expect(refusalCode(result)).to.equal('POLICY_DISABLED');
      expect(await purchasesOf(f, 'alice')).to.deep.equal([]);
    });
  });

  describe('rule 8 at checkout: cards only (S-4)', () => {
    const choices: [string, PaymentChoice | 'debit', string][] = [
      ['a debit card', 'debit', 'ok'],
      ['an invoice', { kind: 'Invoice' }, 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['a purchase order', { kind: 'PurchaseOrder' }, 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['a credit card never entered', { kind: 'CreditCard' }, 'PAYMENT_METHOD_NOT_FOUND'],
    ];
    for (const [what, choice, want] of choices) {
      it(`paying with ${what}: ${want}`, async () => {
        const f = fixture();
        const alice = f.as('alice');
        const payment =
          choice === 'debit'
            ? { cardId: (await addCard(f, alice, '4000 0566 5566 5556')).cardId }
            : choice;
        const result = await f.domain.purchases.purchase({
          caller: alice,
          productId: PRODUCT.powerApps,
          quantity: 1,
          payment,
          idempotencyKey: 'checkout-1',
        });
        expect(result.ok ? 'ok' : result.refusal.code).to.equal(want);
        expect(await purchasesOf(f, 'alice')).to.have.length(want === 'ok' ? 1 : 0);
      });
    }
  });

  describe('a policy change is not retroactive (§2 rule 7, S-22)', () => {
    const changes: PolicyValue[] = ['Disabled', 'OnlyTrialsWithoutPaymentMethod'];
    for (const value of changes) {
      it(`after ${value}, the buyer still buys more licenses on an existing subscription`, async () => {
        const f = fixture();
        const receipt = await buy(f, f.as('alice'), PRODUCT.visioPlan1, 2);
        await carolSets(f, PRODUCT.visioPlan1, value);

        const more = await f.domain.buyers.changeQuantity(
          f.as('alice'),
          receipt.subscriptionId,
          5,
          'more-1',
        );

        expect(expectOk(more).amountCents).to.equal(3 * 500);
        const [sub] = await purchasesOf(f, 'alice');
        expect(sub).to.include({ status: 'Active', quantity: 5 });
        expect(await moneyMoved(f, 'alice')).to.deep.equal([1000, 1500]);
      });
    }

    it('after Disabled, a new purchase is refused while the old subscription keeps working', async () => {
      const f = fixture();
      const receipt = await buy(f, f.as('alice'), PRODUCT.powerBiPro, 3);
      await carolSets(f, PRODUCT.powerBiPro, 'Disabled');

      const card = await addCard(f, f.as('bob'));
      const bobBuys = await f.domain.purchases.purchase({
        caller: f.as('bob'),
        productId: PRODUCT.powerBiPro,
        quantity: 1,
        payment: { cardId: card.cardId },
        idempotencyKey: 'bob-1',
      });
      expect(refusalCode(bobBuys)).to.equal('POLICY_DISABLED');

      const assigned = await f.domain.licenses.assign(
        f.as('alice'),
        receipt.subscriptionId,
        ['bob@contoso.com'],
        'assign-1',
      );
      expect(expectOk(assigned).facts).to.deep.include({ users: ['Bob Brown'] });
    });

    it('after Disabled, the subscription still renews at the end of its term', async () => {
      const f = fixture();
      const receipt = await buy(f, f.as('alice'), PRODUCT.powerApps, 1);
      await carolSets(f, PRODUCT.powerApps, 'Disabled');

      f.clock.set(new Date(Date.parse(receipt.expirationDate) + MS_PER_DAY));
      await f.domain.lifecycle.runOnce();

      const [sub] = await purchasesOf(f, 'alice');
      expect(sub).to.include({ status: 'Active', expirationDate: '2026-05-02T09:00:00.000Z' });
      expect(await moneyMoved(f, 'alice')).to.deep.equal([2000, 2000]);
    });

    it('a free trial started before the product was disabled keeps running', async () => {
      const f = fixture();
      expectOk(
        await f.domain.purchases.startTrial({
          caller: f.as('alice'),
          productId: PRODUCT.projectPlan1,
          idempotencyKey: 'trial-1',
        }),
      );
      await carolSets(f, PRODUCT.projectPlan1, 'Disabled');
      const [trial] = await purchasesOf(f, 'alice');
      expect(trial).to.include({ kind: 'TrialNoPayment', status: 'Active' });
    });
  });
});
