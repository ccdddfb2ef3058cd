// The durable outbox: nothing lost, nothing sent twice, even with two bot instances delivering.

import { expect } from 'chai';
import { buy, fixture, PRODUCT } from '../helpers/domainFixture.js';

async function withNotification() {
  const f = fixture();
  await buy(f, f.as('bob'), PRODUCT.powerBiPro, 1);
  const carol = f.as('carol');
  return { f, carol, recipient: { tenantId: carol.tenantId, userId: carol.userId } };
}

describe('notification outbox', () => {
  it('lists everyone with something to deliver', async () => {
    const { f } = await withNotification();
    const people = (await f.domain.outbox.recipientsWithPending()).map((r) => r.userId);
    expect(people).to.have.members(['bob', 'carol', 'dave', 'peggy'].map((n) => f.as(n).userId));
  });

  it('a claimed event is not handed to a second instance until its lease ends', async () => {
    const { f, recipient } = await withNotification();
    const first = await f.domain.outbox.claim(recipient, 30_000);
    const second = await f.domain.outbox.claim(recipient, 30_000);
    expect(first.events).to.have.length(1);
    expect(second.events).to.have.length(0);
    f.clock.advance(30_001);
    expect((await f.domain.outbox.claim(recipient, 30_000)).events).to.have.length(1);
  });

  it('a live claim is never handed out again, not even to the same process; each claim has its own token', async () => {
    const { f, recipient } = await withNotification();
    const outbox = f.domain.outbox;
    const first = await outbox.claim(recipient, 30_000);
    expect(first.events).to.have.length(1);
    // The same bot instance claiming again (a background pass while the person writes) gets nothing.
    for (let i = 0; i < 3; i++) expect((await outbox.claim(recipient, 30_000)).events).to.be.empty;
    f.clock.advance(29_000);
    expect((await outbox.claim(recipient, 30_000)).events).to.be.empty;
    f.clock.advance(1_001);
    const second = await outbox.claim(recipient, 30_000);
    expect(second.events).to.have.length(1);
    expect(second.token).not.to.equal(first.token);
  });

  it('a renewed lease keeps the events; an expired claim can neither renew nor release what was taken over', async () => {
    const { f, recipient } = await withNotification();
    const outbox = f.domain.outbox;
    const first = await outbox.claim(recipient, 30_000);
    const ids = first.events.map((e) => e.id);
    f.clock.advance(25_000);
    expect(await outbox.renew(recipient, first.token, ids, 30_000)).to.equal(true);
    f.clock.advance(25_000);
    expect((await outbox.claim(recipient, 30_000)).events).to.be.empty;
    f.clock.advance(5_001);
    const second = await outbox.claim(recipient, 30_000);
    expect(second.events.map((e) => e.id)).to.deep.equal(ids);
    expect(await outbox.renew(recipient, first.token, ids, 30_000)).to.equal(false);
    await outbox.release(recipient, first.token, ids);
    expect((await outbox.claim(recipient, 30_000)).events).to.be.empty;
  });

  it('a failed send is released and delivered later; a delivered event never comes back', async () => {
    const { f, recipient } = await withNotification();
    const first = await f.domain.outbox.claim(recipient, 30_000);
    const [event] = first.events;
    await f.domain.outbox.release(recipient, first.token, [event!.id]);
    const retried = await f.domain.outbox.claim(recipient, 30_000);
    expect(retried.events.map((e) => e.id)).to.deep.equal([event!.id]);
    await f.domain.outbox.markDelivered(recipient, [event!.id]);
    f.clock.advance(60_000);
    expect((await f.domain.outbox.claim(recipient, 30_000)).events).to.have.length(0);
    expect(await f.domain.outbox.pending(recipient)).to.have.length(0);
    const stillWaiting = (await f.domain.outbox.recipientsWithPending()).map((r) => r.userId);
    expect(stillWaiting).not.to.include(recipient.userId);
  });

  it('enqueuing the same event twice stores it once', async () => {
    const { f, recipient } = await withNotification();
    const [event] = await f.domain.outbox.pending(recipient);
    await f.domain.outbox.enqueue(event!);
    await f.domain.outbox.markDelivered(recipient, [event!.id]);
    await f.domain.outbox.enqueue(event!);
    expect(await f.domain.outbox.pending(recipient)).to.have.length(0);
  });
});
