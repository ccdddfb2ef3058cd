// End to end over HTTP: the quantity asked in "Can I buy 5 Visio Plan 2?" goes on to the checkout the eligibility
// card's Buy button opens, also when the product was picked from a list first.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard } from '../helpers/teamsUser.js';

describe('the quantity asked about is the quantity bought, over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  after(async () => {
    await h.stop();
  });

  const table: readonly {
    say: string;
    pick?: string;
    locale?: string;
    yes: string;
    buy: string;
    pay: string;
  }[] = [
    {
      say: 'Can I buy 5 Visio Plan 2?',
      yes: 'Yes, you can buy Visio Plan 2',
      buy: 'Buy',
      pay: 'Confirm and pay $75.00',
    },
    {
      say: 'can I buy five Visio?',
      pick: 'Visio Plan 2',
      yes: 'Yes, you can buy Visio Plan 2',
      buy: 'Buy',
      pay: 'Confirm and pay $75.00',
    },
    {
      say: 'Kan jag köpa 3 Visio Plan 1?',
      locale: 'sv-SE',
      yes: 'Ja, du kan köpa Visio Plan 1',
      buy: 'Köp',
      pay: '15,00',
    },
  ];
  for (const c of table) {
    it(`"${c.say}"${c.pick ? `, then ${c.pick}` : ''}, then Buy`, async () => {
      const bob = h.user('bob', { locale: c.locale });
      let card = cardWith((await bob.say(c.say)).replies, c.pick ?? c.yes);
      if (c.pick) card = invokeCard(await bob.execute(card, c.pick));
      expect(cardText(card)).to.include(c.yes);
      const checkout = cardText(invokeCard(await bob.execute(card, c.buy)));
      expect(checkout).to.include(c.pay);
    });
  }

  it('Buy on a card from the product overview still starts at one license', async () => {
    const bob = h.user('bob');
    const overview = cardWith((await bob.say('products')).replies, 'Visio Plan 2');
    const yes = invokeCard(await bob.execute(overview, 'Visio Plan 2'));
    expect(cardText(invokeCard(await bob.execute(yes, 'Buy')))).to.include(
      'Confirm and pay $15.00',
    );
  });
});
