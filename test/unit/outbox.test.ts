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
    const first = await f.domain.outbox.claim(recipient, 'instance-a', 30_000);
    const second = await f.domain.outbox.claim(recipient, 'instance-b', 30_000);
    expect(first).to.have.length(1);
    expect(second).to.have.length(0);
    f.clock.advance(30_001);
    expect(await f.domain.outbox.claim(recipient, 'instance-b', 30_000)).to.have.length(1);
  });

  it('a failed send is released and delivered later; a delivered event never comes back', async () => {
    const { f, recipient } = await withNotification();
    const [event] = await f.domain.outbox.claim(recipient, 'a', 30_000);
    await f.domain.outbox.release(recipient, [event!.id]);
    const retried = await f.domain.outbox.claim(recipient, 'b', 30_000);
    expect(retried.map((e) => e.id)).to.deep.equal([event!.id]);
    await f.domain.outbox.markDelivered(recipient, [event!.id]);
    f.clock.advance(60_000);
    expect(await f.domain.outbox.claim(recipient, 'c', 30_000)).to.have.length(0);
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
