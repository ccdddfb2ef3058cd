// End to end over HTTP: after a renewal fails the buyer recovers in chat. The failed-payment notice, the invoices and
// the Expired subscription offer "Change card and pay" (a saved card or a new one) and "change card" is understood
// while Expired; a typed card is kept only once it paid; an admin's Reactivate with a declined card says what to do.

import { expect } from 'chai';
import { MS_PER_DAY } from '../../services/clock.js';
import { startBot, cardsFor, type Harness } from '../helpers/botHarness.js';
import {
  cardText,
  cardWith,
  invokeCard,
  lastCard,
  shown,
  type TeamsUser,
} from '../helpers/teamsUser.js';

const EXPIRING = { cardNumber: '4242424242424242', cardExpiry: '03/26', cardCvc: '321' };
const DECLINED = {
  cardChoice: 'new',
  cardNumber: '4000000000000002',
  cardExpiry: '11/31',
  cardCvc: '111',
};
const MASTERCARD = {
  cardChoice: 'new',
  cardNumber: '5555555555554444',
  cardExpiry: '11/31',
  cardCvc: '222',
};

async function advanceDays(h: Harness, days: number): Promise<void> {
  (h.app.domain.clock as unknown as { offsetMs: number }).offsetMs += days * MS_PER_DAY;
  await h.app.tick();
  await h.app.tick();
}

/** Buys with a card that expires before the first renewal, then lets the renewal fail. */
async function boughtThenRenewalFailed(
  h: Harness,
  buyer: TeamsUser,
  typed: string,
  confirm: string,
): Promise<void> {
  await buyer.install();
  const checkout = lastCard((await buyer.say(typed)).replies);
  cardText(invokeCard(await buyer.execute(checkout, confirm, EXPIRING)));
  await advanceDays(h, 31);
}

async function charged(h: Harness, last4: string): Promise<number> {
  const provider = h.app.domain.payments as unknown as {
    transactionsFor?: (token: string) => Promise<{ status: string; amountCents: number }[]>;
  };
  const subs = await h.app.domain.subscriptions.listByTenant(h.caller('bob').tenantId);
  let sum = 0;
  for (const s of subs) {
    if (s.paymentMethod?.last4 !== last4 || !provider.transactionsFor) continue;
    for (const t of await provider.transactionsFor(s.paymentMethod.token))
      if (t.status === 'succeeded') sum += t.amountCents;
  }
  return sum;
}

describe('recovering from a failed renewal in chat (over HTTP)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('English: the notice offers Change card and pay; a declined card is not kept, a working one pays once and stays', async () => {
    const bob = h.user('bob');
    await boughtThenRenewalFailed(h, bob, 'buy 2 power apps', 'Confirm and pay $40.00');
    const [notice] = cardsFor(h, bob, 'Payment failed');
    expect(notice, 'the failed-payment notice').not.to.equal(undefined);
    if (!notice) return;
    const said = cardText(notice);
    expect(said).to.include('the card has expired');
    expect(said).not.to.include('decline.');

    // The notice's button opens the form for the unpaid invoice.
    const form = invokeCard(await bob.execute(notice, 'Change card and pay'));
    expect(cardText(form)).to.match(/Pay invoice INV-\d+: Power Apps per user/);
    expect(cardText(form)).to.include('Visa •••• 4242 (03/2026)');

    // A declined card: the form again, saying why; the card is neither kept nor offered.
    const declined = invokeCard(await bob.execute(form, 'Pay $40.00', DECLINED));
    expect(cardText(declined)).to.include("The payment didn't go through");
    expect(JSON.stringify(declined)).not.to.include('0002');
    expect(shown((await bob.say('my purchases')).replies)).to.include('Expired');

    // A working new card pays the invoice, becomes the subscription's card and is kept for later.
    const paid = invokeCard(await bob.execute(declined, 'Pay $40.00', MASTERCARD));
    expect(cardText(paid)).to.include('Done: $40.00 paid.');
    // The same click again (a double click) is not charged twice.
    const again = invokeCard(await bob.execute(declined, 'Pay $40.00', MASTERCARD));
    expect(cardText(again)).to.include('Already done');
    expect(await charged(h, '4444')).to.equal(4000);

    const purchases = shown((await bob.say('my purchases')).replies);
    expect(purchases).to.include('Active');
    expect(purchases).to.include('Mastercard •••• 4444');
    const next = cardWith((await bob.say('buy 1 visio plan 2')).replies, 'Checkout');
    expect(cardText(next)).to.include('Mastercard •••• 4444');
    expect(cardText(next)).not.to.include('0002');
  });

  it('English: "change card" works while Expired, and the Expired subscription shows Pay and Change card', async () => {
    const bob = h.user('bob');
    await boughtThenRenewalFailed(h, bob, 'buy 1 power apps', 'Confirm and pay $20.00');
    const purchases = lastCard((await bob.say('my purchases')).replies);
    const manage = invokeCard(await bob.execute(purchases, 'Manage'));
    const text = cardText(manage);
    expect(text).to.include('Pay $20.00');
    expect(text).to.include('Change card and pay');
    expect(text).to.include('Change card');

    const typed = await bob.say('change card');
    expect(shown(typed.replies)).not.to.include("don't have an active subscription");
    const form = cardWith(typed.replies, 'Change the card for Power Apps per user');
    const changed = invokeCard(await bob.execute(form, 'Use this card', MASTERCARD));
    expect(cardText(changed)).to.include('Mastercard •••• 4444');
    // Paying with the subscription's (now working) card brings it back.
    const paid = invokeCard(await bob.execute(changed, 'Pay $20.00'));
    expect(cardText(paid)).to.include('Done: $20.00 paid.');
    expect(shown((await bob.say('my purchases')).replies)).to.include('Active');
  });

  it('Swedish: the invoices offer "Byt kort och betala", and "byt kort" works while Expired', async () => {
    const oscar = h.user('oscar', { locale: 'sv-SE' });
    await oscar.install();
    const checkout = cardWith((await oscar.say('köp 1 Visio Plan 1')).replies, 'Kassa');
    const confirm = /"title":"(Bekräfta[^"]*)"/.exec(JSON.stringify(checkout))?.[1] ?? '';
    invokeCard(await oscar.execute(checkout, confirm, EXPIRING));
    await advanceDays(h, 31);
    const [notice] = cardsFor(h, oscar, 'Betalningen misslyckades');
    expect(notice && cardText(notice)).to.include('kortet har gått ut');
    expect(notice && cardText(notice)).to.include('Byt kort och betala');

    const invoices = cardWith((await oscar.say('fakturor')).replies, 'Obetald');
    const form = invokeCard(await oscar.execute(invoices, 'Byt kort och betala'));
    expect(cardText(form)).to.match(/Betala faktura INV-\d+: Visio Plan 1/);
    const pay = /"title":"(Betala [^"]*US\$)"/.exec(JSON.stringify(form))?.[1] ?? '';
    const paid = invokeCard(await oscar.execute(form, pay, MASTERCARD));
    expect(cardText(paid)).to.include('Klart');
    expect(shown((await oscar.say('mina köp')).replies)).to.include('Aktiv');

    const typed = shown((await oscar.say('byt kort')).replies);
    expect(typed).to.include('Byt kort för Visio Plan 1');
  });

  it("an admin's Reactivate with a declined card says the buyer's card was declined and what the buyer does", async () => {
    const carol = h.user('carol');
    await carol.install();
    const bob = h.user('bob');
    await boughtThenRenewalFailed(h, bob, 'buy 1 power apps', 'Confirm and pay $20.00');
    const list = cardWith((await carol.say('purchases expired')).replies, 'Power Apps');
    const details = invokeCard(await carol.execute(list, 'Details'));
    const after = cardText(invokeCard(await carol.execute(details, 'Reactivate')));
    expect(after).to.include("the buyer's card was declined (the card has expired)");
    expect(after).to.include('Change card and pay');
    expect(after).not.to.include('Try another card');
  });
});
