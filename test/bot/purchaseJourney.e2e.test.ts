// End to end over HTTP: a person asks, buys 5 licenses with a test card, assigns colleagues, double-clicks, cancels.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, lastCard, replyTexts } from '../helpers/teamsUser.js';

describe('purchase journey over HTTP (real server, SQLite, connector stand-in)', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  after(async () => {
    await h.stop();
  });

  it('a buyer asks, buys, assigns, is refused a guest, double-clicks confirm and cancels', async () => {
    const bob = h.user('bob');
    const installed = await bob.install();
    expect(cardText(lastCard(installed.replies))).to.include('Hi Bob Brown');

    const asked = await bob.say('Can I buy Power BI Pro?');
    expect(asked.status).to.equal(200);
    const answer = lastCard(asked.replies);
    expect(cardText(answer)).to.include('Yes, you can buy Power BI Pro');

    const buy = await bob.say('buy 5 power bi pro');
    const checkout = lastCard(buy.replies);
    const checkoutText = cardText(checkout);
    expect(checkoutText).to.include('$14.00 per user per month');
    expect(checkoutText).to.include('Total today: $70.00');

    const inputs = {
      cardNumber: '5555 5555 5555 4444',
      cardExpiry: '12/30',
      cardCvc: '123',
      cardHolder: 'Bob Brown',
    };
    const [first, second] = await Promise.all([
      bob.execute(checkout, 'Confirm and pay $70.00', inputs),
      bob.execute(checkout, 'Confirm and pay $70.00', inputs),
    ]);
    const receipts = [invokeCard(first), invokeCard(second)].map(cardText);
    expect(receipts.filter((r) => r.includes('Thank you! You bought Power BI Pro'))).to.have.length(
      1,
    );
    expect(receipts.filter((r) => r.includes('Already done: order'))).to.have.length(1);
    const receipt = invokeCard(first).body ? invokeCard(first) : invokeCard(second);
    expect(cardText(receipt)).not.to.include('Confirm');
    expect(JSON.stringify(h.connector.all())).not.to.include('5555 5555 5555 4444');
    expect(h.logs.join('\n')).not.to.include('5555555555554444');

    const mine = await bob.say('my purchases');
    const list = cardWith(mine.replies, 'Your purchases');
    expect(cardText(list)).to.include('1 of 5 assigned');
    expect(cardText(cardWith(mine.replies, 'Thank you for your purchase'))).to.include(
      '5 Power BI Pro licenses',
    );
    const manage = invokeCard(await bob.execute(list, 'Manage'));
    const form = invokeCard(await bob.execute(manage, 'Assign licenses'));
    const assigned = invokeCard(
      await bob.execute(form, 'Assign licenses', { others: 'alice@contoso.com, Heidi Hall' }),
    );
    expect(cardText(assigned)).to.include('Alice Anderson and Heidi Hall now have a license');

    const guestForm = invokeCard(await bob.execute(assigned, 'Assign licenses'));
    const guest = invokeCard(
      await bob.execute(guestForm, 'Assign licenses', { others: 'judy@humongous.org' }),
    );
    expect(cardText(guest)).to.include('is a guest in your organization');

    const manageAgain = invokeCard(
      await bob.execute(
        cardWith((await bob.say('my purchases')).replies, 'Your purchases'),
        'Manage',
      ),
    );
    const preview = invokeCard(await bob.execute(manageAgain, 'Cancel subscription'));
    expect(cardText(preview)).to.include('credited to your card');
    const cancelled = invokeCard(await bob.execute(preview, 'Yes, cancel it'));
    expect(cardText(cancelled)).to.include('Done: cancelled');

    const orders = (await h.app.domain.buyers.myPurchases(bob['o'].caller)).ok;
    expect(orders).to.equal(true);
    expect(replyTexts(mine.replies)).to.deep.equal([]);
  });
});
