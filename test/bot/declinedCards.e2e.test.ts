// End to end over HTTP: a card typed in for a purchase, a trial or a change of card is kept only once it worked.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, inputDefaults, invokeCard, lastCard } from '../helpers/teamsUser.js';

type CardJson = Record<string, unknown>;

const GOOD = { cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30', cardCvc: '123' };

/** The "Pay with" choice set of a card form: the saved cards offered and the one preselected. */
function payWith(card: CardJson): { offered: string[]; preselected: string | undefined } {
  let found: CardJson | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as CardJson;
      if (n.id === 'cardChoice') found = n;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  if (!found) return { offered: [], preselected: undefined };
  const choices = (found.choices as { title: string; value: string }[] | undefined) ?? [];
  const preselected = choices.find((c) => c.value === found?.value);
  return {
    offered: choices.filter((c) => c.value !== 'new').map((c) => c.title),
    preselected: preselected?.value === 'new' ? undefined : preselected?.title,
  };
}

describe('declined cards are not kept (over HTTP)', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  after(async () => {
    await h.stop();
  });

  const declines = [
    { kind: 'a generic decline', number: '4000 0000 0000 0002', last4: '0002' },
    { kind: 'a stolen card', number: '4000 0000 0000 9979', last4: '9979' },
    { kind: 'an expired card', number: '4000 0000 0000 0069', last4: '0069' },
    { kind: 'a wrong security code', number: '4000 0000 0000 0127', last4: '0127' },
  ];
  for (const [i, d] of declines.entries()) {
    it(`a purchase with ${d.kind} is declined, and the card is neither preselected nor kept`, async () => {
      const buyer = h.user(['bob', 'alice', 'heidi', 'dave'][i] ?? 'bob');
      await buyer.install();
      const checkout = lastCard((await buyer.say('buy 1 visio plan 2')).replies);
      const typed = { cardNumber: d.number, cardExpiry: '11/29', cardCvc: '987' };
      const again = invokeCard(await buyer.execute(checkout, 'Confirm and pay $15.00', typed));
      const text = cardText(again);
      expect(text).to.include("The payment didn't go through");
      expect(text).to.include('Checkout: Visio Plan 2');
      expect(payWith(again).offered.join()).not.to.include(d.last4);
      expect(payWith(again).preselected).to.equal(undefined);
      // What the person typed is not echoed back into the form.
      expect(JSON.stringify(again)).not.to.include(d.number.replace(/ /g, ''));
      expect(JSON.stringify(again)).not.to.include(d.number);
      for (const value of ['11/29', '987'])
        expect(Object.values(inputDefaults(again))).not.to.include(value);

      // Confirming the returned card without typing anything charges nothing and asks for a card.
      const retry = invokeCard(await buyer.execute(again, 'Confirm and pay $15.00'));
      expect(cardText(retry)).to.include('Choose a saved card or enter a new one.');
      expect(cardText(retry)).not.to.include('Thank you');

      const next = cardWith((await buyer.say('buy 1 power bi pro')).replies, 'Checkout');
      expect(payWith(next).offered.join()).not.to.include(d.last4);
    });
  }

  it('a double-clicked confirm with a declined card is declined twice and keeps nothing', async () => {
    const grace = h.user('grace');
    await grace.install();
    const checkout = cardWith((await grace.say('buy 1 visio plan 2')).replies, 'Checkout');
    const typed = { ...GOOD, cardNumber: '4000 0000 0000 0002' };
    const results = await Promise.all([
      grace.execute(checkout, 'Confirm and pay $15.00', typed),
      grace.execute(checkout, 'Confirm and pay $15.00', typed),
    ]);
    for (const r of results) {
      expect(cardText(invokeCard(r))).to.include("The payment didn't go through");
      expect(payWith(invokeCard(r)).offered).to.deep.equal([]);
    }
    const next = cardWith((await grace.say('buy 1 visio plan 2')).replies, 'Checkout');
    expect(payWith(next).offered).to.deep.equal([]);
  });

  it('a card that paid is kept and preselected next time, also after a double click', async () => {
    const erin = h.user('erin');
    await erin.install();
    const checkout = lastCard((await erin.say('buy 1 visio plan 2')).replies);
    const [first, second] = await Promise.all([
      erin.execute(checkout, 'Confirm and pay $15.00', GOOD),
      erin.execute(checkout, 'Confirm and pay $15.00', GOOD),
    ]);
    const receipts = [invokeCard(first), invokeCard(second)].map(cardText).join('\n');
    expect(receipts).to.include('Thank you! You bought Visio Plan 2');
    expect(receipts).to.include('Already done: order');
    const next = cardWith((await erin.say('buy 1 power bi pro')).replies, 'Checkout');
    expect(payWith(next).offered).to.have.length(1);
    expect(payWith(next).preselected).to.include('Visa •••• 4242');
    const paid = invokeCard(await erin.execute(next, 'Confirm and pay $14.00'));
    expect(cardText(paid)).to.include('Thank you! You bought Power BI Pro');
  });

  it('a trial with a declined card is refused and the card is not kept', async () => {
    const bob = h.user('bob');
    const trial = lastCard((await bob.say('try Power BI Premium Per User')).replies);
    const refused = invokeCard(
      await bob.execute(trial, 'Start trial with card', {
        ...GOOD,
        cardNumber: '4000 0000 0000 9979',
      }),
    );
    expect(cardText(refused)).to.include("The payment didn't go through");
    const again = lastCard((await bob.say('try Power BI Premium Per User')).replies);
    expect(payWith(again).offered.join()).not.to.include('9979');
    const started = invokeCard(await bob.execute(again, 'Start trial with card', GOOD));
    expect(cardText(started)).not.to.include("didn't go through");
    const checkout = cardWith((await bob.say('buy 1 visio plan 2')).replies, 'Checkout');
    expect(payWith(checkout).preselected).to.include('Visa •••• 4242');
  });

  it('a declined card typed to change the card of a subscription is not kept', async () => {
    const erin = h.user('erin');
    const form = cardWith(
      (await erin.say('change card for Visio Plan 2')).replies,
      'Change the card',
    );
    expect(cardText(form)).to.include('Change the card for Visio Plan 2');
    const refused = invokeCard(
      await erin.execute(form, 'Use this card', { ...GOOD, cardNumber: '4000 0000 0000 0127' }),
    );
    expect(cardText(refused)).to.include("The payment didn't go through");
    expect(cardText(refused)).to.include('Visa •••• 4242');
    const again = cardWith(
      (await erin.say('change card for Visio Plan 2')).replies,
      'Change the card',
    );
    expect(payWith(again).offered.join()).not.to.include('0127');
    const changed = invokeCard(
      await erin.execute(again, 'Use this card', { ...GOOD, cardNumber: '5555 5555 5555 4444' }),
    );
    expect(cardText(changed)).to.include('Mastercard •••• 4444');
    const later = cardWith(
      (await erin.say('change card for Visio Plan 2')).replies,
      'Change the card',
    );
    expect(payWith(later).offered.join()).to.include('Mastercard •••• 4444');
  });
});
