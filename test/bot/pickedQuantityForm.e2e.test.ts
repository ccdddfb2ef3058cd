// End to end over HTTP: "buy 2 more Visio" or "remove 1 Visio license" with several Visio subscriptions offers a
// pick list; the picked subscription's quantity form comes filled in with the new total that was asked for.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { bobBuys } from '../helpers/checkout.js';
import { buttonStarting, cardText, cardWith, invokeCard } from '../helpers/teamsUser.js';

type CardJson = Record<string, unknown>;

/** The value the quantity form's number input is filled in with. */
function quantityValue(card: CardJson): unknown {
  let value: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as CardJson;
      if (o.type === 'Input.Number' && o.id === 'quantity') value = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return value;
}

describe('a quantity change picked from a list over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
    await bobBuys(h.user('bob'), [
      ['5 visio plan 2', '$75.00'],
      ['3 visio plan 1', '$15.00'],
    ]);
  });
  after(async () => {
    await h.stop();
  });

  const table: readonly {
    locale: string;
    say: string;
    pick: string;
    form: string;
    value: number;
  }[] = [
    {
      locale: 'en-US',
      say: 'buy 2 more Visio',
      pick: 'Visio Plan 2 –',
      form: 'Change the number of Visio Plan 2 licenses',
      value: 7,
    },
    {
      locale: 'en-US',
      say: 'add 4 licenses to Visio',
      pick: 'Visio Plan 1 –',
      form: 'Change the number of Visio Plan 1 licenses',
      value: 7,
    },
    {
      locale: 'en-US',
      say: 'remove 2 Visio licenses',
      pick: 'Visio Plan 1 –',
      form: 'Change the number of Visio Plan 1 licenses',
      value: 1,
    },
    {
      locale: 'en-US',
      say: 'remove 5 Visio licenses',
      pick: 'Visio Plan 1 –',
      form: 'Change the number of Visio Plan 1 licenses',
      value: 3,
    },
    {
      locale: 'sv-SE',
      say: 'köp 2 fler Visio',
      pick: 'Visio Plan 2 –',
      form: 'Ändra antalet licenser för Visio Plan 2',
      value: 7,
    },
  ];
  for (const c of table) {
    it(`"${c.say}", then ${c.pick.replace(' –', '')}: the form shows ${c.value}`, async () => {
      const bob = h.user('bob', { locale: c.locale });
      const pick = cardWith((await bob.say(c.say)).replies, c.pick);
      const form = invokeCard(await bob.execute(pick, buttonStarting(pick, c.pick)));
      expect(cardText(form)).to.include(c.form);
      expect(quantityValue(form)).to.equal(c.value);
    });
  }
});
