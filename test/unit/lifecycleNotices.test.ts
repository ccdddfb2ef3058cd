// The buyer is told when things end (§3.3, S-14): a trial ends, a subscription loses access and is deleted, and a
// trial with a card is reminded once, 3 days before it becomes paid. Each event is written with its transition and
// has a deterministic id, so re-runs (and two job instances at once) never send it twice.

import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import type { NotificationEvent } from '../../services/notifications/events.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import {
  addCard,
  buy,
  expectOk,
  fixture,
  PRODUCT,
  type Fixture,
} from '../helpers/domainFixture.js';

async function kinds(f: Fixture, who: Caller): Promise<string[]> {
  return (await f.domain.outbox.pending(who)).map((e: NotificationEvent) => e.kind);
}

async function runTwice(f: Fixture): Promise<void> {
  await Promise.all([f.domain.lifecycle.runOnce(), f.domain.lifecycle.runOnce()]);
  await f.domain.lifecycle.runOnce();
}

describe('lifecycle notices to the buyer', () => {
  it('a free trial that ends at day 30 tells its buyer once', async () => {
    const f = fixture();
    const alice = f.as('alice');
    expectOk(
      await f.domain.purchases.startTrial({
        caller: alice,
        productId: PRODUCT.projectPlan1,
        idempotencyKey: 't',
      }),
    );
    f.clock.set('2026-03-31T09:00:00.000Z');
    await runTwice(f);
    expect(await kinds(f, alice)).not.to.include('BuyerTrialEnded');
    f.clock.set('2026-04-01T09:00:00.000Z');
    await runTwice(f);
    const ended = (await f.domain.outbox.pending(alice)).filter(
      (e) => e.kind === 'BuyerTrialEnded',
    );
    expect(ended).to.have.length(1);
    expect(ended[0]?.facts).to.include({ productName: 'Project Plan 1', status: 'Expired' });
    // No reminder for a trial that never becomes paid.
    expect(await kinds(f, alice)).not.to.include('BuyerTrialEndingSoon');
  });

  it('Expired -> Disabled (users lose access) and Disabled -> Deleted each tell the buyer once', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const { subscriptionId } = await buy(f, bob, PRODUCT.powerApps, 1);
    await f.domain.records.update(
      `sub:${subscriptionId}`,
      (s: Record<string, unknown> | undefined) => ({
        write: { ...s, recurringBilling: false },
        result: undefined,
      }),
    );
    f.clock.set('2026-04-02T09:00:00.000Z');
    await runTwice(f);
    expect((await kinds(f, bob)).filter((k) => k === 'BuyerExpired')).to.have.length(1);
    f.clock.set('2026-05-02T09:00:00.000Z');
    await runTwice(f);
    expect((await kinds(f, bob)).filter((k) => k === 'BuyerDisabled')).to.have.length(1);
    f.clock.set('2026-07-31T09:00:00.000Z');
    await runTwice(f);
    expect((await kinds(f, bob)).filter((k) => k === 'BuyerDeleted')).to.have.length(1);
    const disabled = (await f.domain.outbox.pending(bob)).find((e) => e.kind === 'BuyerDisabled');
    expect(disabled?.facts.effectiveAt).to.equal('2026-05-02T09:00:00.000Z');
  });

  it('a clock jump over all three steps still tells each one, in order, once', async () => {
    const f = fixture({ store: new MemoryAtomicStore() });
    const alice = f.as('alice');
    expectOk(
      await f.domain.purchases.startTrial({
        caller: alice,
        productId: PRODUCT.visioPlan1,
        idempotencyKey: 't',
      }),
    );
    f.clock.set('2026-12-01T09:00:00.000Z');
    await runTwice(f);
    const ends = (await kinds(f, alice)).filter((k) =>
      ['BuyerTrialEnded', 'BuyerDisabled', 'BuyerDeleted'].includes(k),
    );
    expect(ends).to.deep.equal(['BuyerTrialEnded', 'BuyerDisabled', 'BuyerDeleted']);
  });

  it('a trial with a card is reminded once, 3 days before it converts, with what it will cost', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const card = await addCard(f, bob);
    expectOk(
      await f.domain.purchases.startTrial({
        caller: bob,
        productId: PRODUCT.powerBiPro,
        payment: { cardId: card.cardId },
        idempotencyKey: 't',
      }),
    );
    f.clock.set('2026-03-29T08:59:00.000Z');
    await runTwice(f);
    expect(await kinds(f, bob)).not.to.include('BuyerTrialEndingSoon');
    f.clock.set('2026-03-29T09:00:00.000Z');
    await runTwice(f);
    f.clock.set('2026-03-30T09:00:00.000Z');
    await runTwice(f);
    const reminders = (await f.domain.outbox.pending(bob)).filter(
      (e) => e.kind === 'BuyerTrialEndingSoon',
    );
    expect(reminders).to.have.length(1);
    expect(reminders[0]?.facts).to.include({
      expirationDate: '2026-04-01T09:00:00.000Z',
      amountCents: 1400,
      quantity: 1,
    });
    f.clock.set('2026-04-01T09:00:00.000Z');
    await runTwice(f);
    const all = await kinds(f, bob);
    expect(all.filter((k) => k === 'BuyerTrialEndingSoon')).to.have.length(1);
    expect(all).to.include('BuyerTrialConverted');
  });
});
