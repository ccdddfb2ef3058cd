// Admins: the purchases overview (§4.1), take-over (§4.4 to §4.6) and reactivation (§3.3).

import { expect } from 'chai';
import { MS_PER_DAY } from '../../services/clock.js';
import { buy, expectOk, fixture, PRODUCT, refusalCode } from '../helpers/domainFixture.js';

const CENTRAL_PBI = 'c1-central-powerbi-pro'; // 10 licenses, carol and dave assigned
const CENTRAL_PROJECT = 'c1-central-project-plan-3'; // 2 licenses, both assigned

async function withPurchases() {
  const f = fixture();
  const bob = f.as('bob');
  const alice = f.as('alice');
  const pbi = await buy(f, bob, PRODUCT.powerBiPro, 4);
  expectOk(
    await f.domain.licenses.assign(
      bob,
      pbi.subscriptionId,
      ['alice@contoso.com', 'heidi@contoso.com'],
      'a',
    ),
  );
  f.clock.advance(MS_PER_DAY);
  const visio = await buy(f, alice, PRODUCT.visioPlan2, 1);
  const trial = expectOk(
    await f.domain.purchases.startTrial({
      caller: alice,
      productId: PRODUCT.projectPlan1,
      idempotencyKey: 't',
    }),
  );
  return {
    f,
    bob,
    alice,
    tenantId: bob.tenantId,
    pbi: pbi.subscriptionId,
    visio: visio.subscriptionId,
    trial: trial.subscriptionId,
  };
}

describe('admin', () => {
  describe('purchases overview (§4.1)', () => {
    it('shows every self-service purchase and trial with product, purchaser, licenses, expiry, price and assigned users', async () => {
      const { f, tenantId, pbi } = await withPurchases();
      const overview = expectOk(await f.domain.overview.list(f.as('carol'), tenantId));
      expect(overview.tenantName).to.equal('Contoso');
      expect(overview.items.map((i) => i.productName)).to.have.members([
        'Power BI Pro',
        'Visio Plan 2',
        'Project Plan 1',
      ]);
      const item = overview.items.find((i) => i.id === pbi)!;
      expect(item).to.include({
        quantity: 4,
        unitPriceCents: 1400,
        status: 'Active',
        expirationDate: '2026-04-02T09:00:00.000Z',
      });
      expect(item.purchaser?.displayName).to.equal('Bob Brown');
      expect(item.assignedUsers.map((u) => u.displayName)).to.deep.equal([
        'Bob Brown',
        'Alice Anderson',
        'Heidi Hall',
      ]);
      expect(item.orders.map((o) => o.type)).to.deep.equal(['New']);
    });

    const filters: { name: string; filter: Record<string, unknown>; products: string[] }[] = [
      { name: 'by product', filter: { productId: PRODUCT.visioPlan2 }, products: ['Visio Plan 2'] },
      {
        name: 'by purchaser name',
        filter: { purchaser: 'alice' },
        products: ['Visio Plan 2', 'Project Plan 1'],
      },
      { name: 'trials only', filter: { kind: 'trials' }, products: ['Project Plan 1'] },
      {
        name: 'purchases only',
        filter: { kind: 'purchases' },
        products: ['Power BI Pro', 'Visio Plan 2'],
      },
      { name: 'by status', filter: { status: 'Expired' }, products: [] },
      {
        name: 'central only',
        filter: { channel: 'Central' },
        products: ['Power BI Pro', 'Visio Plan 2', 'Project Plan 3'],
      },
    ];
    for (const c of filters) {
      it(`filters ${c.name}`, async () => {
        const { f, tenantId } = await withPurchases();
        const overview = expectOk(await f.domain.overview.list(f.as('erin'), tenantId, c.filter));
        expect(overview.items.map((i) => i.productName)).to.have.members(c.products);
      });
    }

    it('sums licenses bought, assigned and monthly spend per product, central and self-service together', async () => {
      const { f, tenantId } = await withPurchases();
      const overview = expectOk(
        await f.domain.overview.list(f.as('dave'), tenantId, { channel: 'All' }),
      );
      const pbi = overview.summary.find((s) => s.productName === 'Power BI Pro');
      expect(pbi).to.include({
        subscriptions: 2,
        licensesBought: 14,
        licensesAssigned: 5,
        monthlySpendCents: 5600,
      });
    });

    it('is refused to users, guests and License admins', async () => {
      const { f, tenantId } = await withPurchases();
      for (const name of ['alice', 'frank', 'grace']) {
        expect(refusalCode(await f.domain.overview.list(f.as(name), tenantId)), name).to.equal(
          'ACCESS_DENIED',
        );
      }
    });
  });

  describe('take over (§4.5)', () => {
    it('moves the users to a central subscription; the old one shows Deleted and the buyer is told', async () => {
      const { f, tenantId, pbi, bob } = await withPurchases();
      const outcome = expectOk(
        await f.domain.takeovers.takeOver(
          f.as('carol'),
          tenantId,
          pbi,
          { kind: 'moveUsers', targetSubscriptionId: CENTRAL_PBI },
          'to',
        ),
      );
      expect(outcome.facts).to.include({
        action: 'moveUsers',
        movedUsers: 3,
        byName: 'Carol Clark',
      });
      const all = expectOk(
        await f.domain.overview.list(f.as('carol'), tenantId, { channel: 'All' }),
      );
      const old = all.items.find((i) => i.id === pbi)!;
      const central = all.items.find((i) => i.id === CENTRAL_PBI)!;
      expect(old.status).to.equal('Deleted');
      expect(central.assignedUsers.map((u) => u.displayName)).to.deep.equal([
        'Carol Clark',
        'Dave Davis',
        'Bob Brown',
        'Alice Anderson',
        'Heidi Hall',
      ]);
      const told = (await f.domain.outbox.pending(bob)).find((e) => e.kind === 'BuyerTakenOver');
      expect(told?.facts).to.include({
        action: 'moveUsers',
        byName: 'Carol Clark',
        targetName: 'Power BI Pro',
      });
    });

    it('needs one free central license per moved user, and changes nothing otherwise', async () => {
      const { f, tenantId, bob } = await withPurchases();
      const { subscriptionId } = await buy(f, bob, PRODUCT.projectPlan3, 1);
      const result = await f.domain.takeovers.takeOver(
        f.as('carol'),
        tenantId,
        subscriptionId,
        { kind: 'moveUsers', targetSubscriptionId: CENTRAL_PROJECT },
        'x',
      );
      expect(refusalCode(result)).to.equal('INSUFFICIENT_LICENSES');
      if (!result.ok) expect(result.refusal.facts).to.include({ free: 0, requested: 1 });
      const sub = expectOk(await f.domain.buyers.subscription(bob, subscriptionId));
      expect(sub).to.include({ status: 'Active', takeoverInProgress: false });
    });

    it('cancels with a reason: Deleted, users lose access, unused days go back to the buyer', async () => {
      const { f, tenantId, visio, alice } = await withPurchases();
      const outcome = expectOk(
        await f.domain.takeovers.takeOver(
          f.as('dave'),
          tenantId,
          visio,
          { kind: 'cancel', reason: 'Bought centrally now' },
          'c',
        ),
      );
      expect(outcome.facts).to.include({
        action: 'cancel',
        reason: 'Bought centrally now',
        refundCents: 1500,
      });
      const sub = expectOk(await f.domain.buyers.subscription(alice, visio));
      expect(sub).to.include({ status: 'Deleted' });
      expect(sub.assignedUsers).to.have.length(0);
      const told = (await f.domain.outbox.pending(alice)).find((e) => e.kind === 'BuyerTakenOver');
      expect(told?.facts.reason).to.equal('Bought centrally now');
    });

    it('a second admin is told what the first one did; the same click is already done', async () => {
      const { f, tenantId, visio } = await withPurchases();
      expectOk(
        await f.domain.takeovers.takeOver(
          f.as('carol'),
          tenantId,
          visio,
          { kind: 'cancel', reason: 'r' },
          'first',
        ),
      );
      const second = await f.domain.takeovers.takeOver(
        f.as('peggy'),
        tenantId,
        visio,
        { kind: 'cancel', reason: 'r' },
        'second',
      );
      expect(refusalCode(second)).to.equal('SUBSCRIPTION_NOT_ACTIVE');
      if (!second.ok)
        expect(second.refusal.facts).to.include({ byName: 'Carol Clark', status: 'Deleted' });
      expect(
        expectOk(
          await f.domain.takeovers.takeOver(
            f.as('carol'),
            tenantId,
            visio,
            { kind: 'cancel', reason: 'r' },
            'first',
          ),
        ).alreadyDone,
      ).to.equal(true);
    });

    it('is for Global and Billing admins and partners with the Global admin role only', async () => {
      const { f, tenantId, visio } = await withPurchases();
      for (const caller of [
        f.as('erin'),
        f.as('frank'),
        f.as('alice'),
        f.as('tom', 'Tailspin MSP'),
      ]) {
        expect(
          refusalCode(
            await f.domain.takeovers.takeOver(
              caller,
              tenantId,
              visio,
              { kind: 'cancel', reason: 'r' },
              'x',
            ),
          ),
        ).to.equal('ACCESS_DENIED');
      }
      expectOk(
        await f.domain.takeovers.takeOver(
          f.as('pat', 'Adatum Partners'),
          tenantId,
          visio,
          { kind: 'cancel', reason: 'r' },
          'p',
        ),
      );
    });

    it('refuses a target that is not an active central subscription of the tenant', async () => {
      const { f, tenantId, pbi, visio } = await withPurchases();
      expect(
        refusalCode(
          await f.domain.takeovers.takeOver(
            f.as('carol'),
            tenantId,
            pbi,
            { kind: 'moveUsers', targetSubscriptionId: visio },
            'x',
          ),
        ),
      ).to.equal('TARGET_NOT_CENTRAL');
    });
  });

  describe('reactivation (§3.3)', () => {
    it('brings an Expired subscription back for a new term charged to the buyer’s card; Deleted cannot come back', async () => {
      const { f, tenantId, visio, alice } = await withPurchases();
      f.clock.advance(10 * MS_PER_DAY);
      expectOk(await f.domain.buyers.cancel(alice, visio, 'off'));
      f.clock.set('2026-04-10T00:00:00.000Z');
      await f.domain.lifecycle.runOnce();
      expect(
        refusalCode(await f.domain.takeovers.reactivate(f.as('erin'), tenantId, visio, 'r')),
      ).to.equal('ACCESS_DENIED');
      const outcome = expectOk(
        await f.domain.takeovers.reactivate(f.as('dave'), tenantId, visio, 'r'),
      );
      expect(outcome).to.include({ type: 'Reactivation', amountCents: 1500 });
      const sub = expectOk(await f.domain.buyers.subscription(alice, visio));
      expect(sub).to.include({
        status: 'Active',
        recurringBilling: true,
        expirationDate: '2026-05-10T00:00:00.000Z',
      });
      expect(
        refusalCode(await f.domain.takeovers.reactivate(f.as('dave'), tenantId, visio, 'r2')),
      ).to.equal('NOT_REACTIVATABLE');
    });
  });
});
