// A card typed in for a payment is held until the payment says whether it worked: kept, or forgotten.

import { expect } from 'chai';
import { addCard, expectOk, fixture, refusalCode } from '../helpers/domainFixture.js';

const typed = (number: string) => ({
  number,
  expiryMonth: 12,
  expiryYear: 2030,
  cvc: '123',
  holder: 'Bob Brown',
});

describe('held cards', () => {
  it('a held card can be resolved but is not listed; keep lists it, release forgets it', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const methods = f.domain.paymentMethods;
    const good = expectOk(await methods.hold(bob, typed('4242424242424242'), 'action-1'));
    const bad = expectOk(await methods.hold(bob, typed('4000000000000002'), 'action-2'));
    expect(await methods.list(bob)).to.deep.equal([]);
    expect((await methods.resolve(bob, { cardId: bad.cardId })).ok).to.equal(true);
    await methods.keep(bob, good.cardId);
    await methods.release(bob, bad.cardId);
    expect((await methods.list(bob)).map((c) => c.last4)).to.deep.equal(['4242']);
    expect(refusalCode(await methods.resolve(bob, { cardId: bad.cardId }))).to.equal(
      'PAYMENT_METHOD_NOT_FOUND',
    );
  });

  it('the same card held again for the same payment has the same id, even after a release', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const methods = f.domain.paymentMethods;
    const first = expectOk(await methods.hold(bob, typed('4000000000000002'), 'action-1'));
    const second = expectOk(await methods.hold(bob, typed('4000000000000002'), 'action-1'));
    await methods.release(bob, first.cardId);
    const third = expectOk(await methods.hold(bob, typed('4000000000000002'), 'action-1'));
    expect(second.cardId).to.equal(first.cardId);
    expect(third.cardId).to.equal(first.cardId);
  });

  it('releasing never removes a card kept earlier', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const saved = await addCard(f, bob);
    const held = expectOk(await f.domain.paymentMethods.hold(bob, typed('4242424242424242'), 'a'));
    expect(held.cardId).to.equal(saved.cardId);
    await f.domain.paymentMethods.release(bob, held.cardId);
    expect((await f.domain.paymentMethods.list(bob)).map((c) => c.cardId)).to.deep.equal([
      saved.cardId,
    ]);
  });

  for (const [number, code] of [
    ['4000000000000002', 'card_declined'],
    ['4000000000009979', 'stolen_card'],
    ['4000000000000069', 'expired_card'],
    ['4000000000000127', 'incorrect_cvc'],
  ] as const) {
    it(`verify declines ${code} without charging, and passes a good card`, async () => {
      const f = fixture();
      const bob = f.as('bob');
      const methods = f.domain.paymentMethods;
      const bad = expectOk(await methods.hold(bob, typed(number), 'x'));
      const verified = await methods.verify(bad);
      expect(verified.ok).to.equal(false);
      if (!verified.ok) expect(verified.refusal.facts.declineCode).to.equal(code);
      const good = expectOk(await methods.hold(bob, typed('5555555555554444'), 'y'));
      expect((await methods.verify(good)).ok).to.equal(true);
    });
  }
});
