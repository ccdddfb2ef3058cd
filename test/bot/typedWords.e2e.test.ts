// End to end over HTTP: words that start with a command's word ("purchases", "orders", "beställningar") are their
// own command, not a purchase of a product called "s"; the admins' purchase filters of the README work in any
// order; and an admin's command typed at a prompt ends the prompt.

import { expect } from 'chai';
import { boughtBy, startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, shown } from '../helpers/teamsUser.js';

const VISIO_PLAN_2 = 'CFQ7TTC0HD32';
const POWER_BI_PRO = 'CFQ7TTC0H9MP';

describe('typed words over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
    await boughtBy(h, 'bob', VISIO_PLAN_2, 2, 'bob-visio');
    await boughtBy(h, 'bob', POWER_BI_PRO, 2, 'bob-pbi');
    await boughtBy(h, 'alice', VISIO_PLAN_2, 2, 'alice-visio');
    // Bob cancels Power BI Pro within the 7 days: it is Disabled at once.
    const bob = h.user('bob');
    const preview = cardWith(
      (await bob.say('cancel Power BI Pro')).replies,
      'Cancel Power BI Pro?',
    );
    expect(cardText(invokeCard(await bob.execute(preview, 'Yes, cancel it')))).to.include(
      'Done: cancelled',
    );
  });
  after(async () => {
    await h.stop();
  });

  const MINE: readonly [locale: string, say: string, shows: string][] = [
    ['en-US', 'purchases', 'Your purchases'],
    ['en-US', 'orders', 'Your purchases'],
    ['en-US', 'my orders', 'Your purchases'],
    ['sv-SE', 'mina köp', 'Dina köp'],
    ['sv-SE', 'beställningar', 'Dina köp'],
    ['sv-SE', 'mina beställningar', 'Dina köp'],
    ['sv-SE', 'inköp', 'Dina köp'],
  ];
  for (const [locale, say, shows] of MINE) {
    it(`Bob's "${say}" (${locale}) shows his purchases`, async () => {
      const text = shown((await h.user('bob', { locale }).say(say)).replies);
      expect(text).to.include(shows);
      expect(text).to.include('Visio Plan 2');
      expect(text).not.to.match(/product called|produkt som heter/);
    });
  }

  for (const say of ['purchases', 'orders', 'my orders']) {
    it(`partner Pat's "${say}" in his own tenant shows his own purchases`, async () => {
      const pat = h.user('pat', { tenant: 'Adatum Partners' });
      const text = shown((await pat.say(say)).replies);
      expect(text).to.include('Your purchases');
      expect(text).not.to.include('product called');
    });
  }

  it('an admin\'s "all purchases" still lists the tenant\'s purchases', async () => {
    const text = shown((await h.user('carol').say('all purchases')).replies);
    expect(text).to.include('Self-service purchases and trials in Contoso (3)');
  });

  const FILTERS: readonly [say: string, count: number, shows: string[]][] = [
    // README: "purchases visio plan 2 by alice expired"; Alice's Visio Plan 2 is active.
    ['purchases visio plan 2 by alice expired', 0, []],
    ['purchases visio plan 2 by alice active', 1, ['Visio Plan 2 · Alice Anderson']],
    ['purchases visio plan 2 by bob active', 1, ['Visio Plan 2 · Bob Brown']],
    ['purchases by bob active visio plan 2', 1, ['Visio Plan 2 · Bob Brown']],
    ['purchases active by bob', 1, ['Visio Plan 2 · Bob Brown']],
    ['purchases by bob disabled', 1, ['Power BI Pro · Bob Brown']],
    ['purchases by Bob Brown', 2, ['Power BI Pro · Bob Brown', 'Visio Plan 2 · Bob Brown']],
  ];
  for (const [say, count, shows] of FILTERS) {
    it(`the admin's "${say}" lists ${count}`, async () => {
      const text = shown((await h.user('carol').say(say)).replies);
      expect(text).to.include(`Self-service purchases and trials in Contoso (${count})`);
      for (const part of shows) expect(text).to.include(part);
    });
  }

  it('Swedish: "alla köp visio plan 2 av bob aktiva"', async () => {
    const carol = h.user('carol', { locale: 'sv-SE' });
    const text = shown((await carol.say('alla köp visio plan 2 av bob aktiva')).replies);
    expect(text).to.match(/Contoso \(1\)/);
    expect(text).to.include('Visio Plan 2 · Bob Brown');
  });

  it('an admin\'s "policies" at the quantity prompt shows the policies and ends the prompt', async () => {
    const carol = h.user('carol');
    expect(shown((await carol.say('buy visio plan 2')).replies)).to.include('How many licenses');
    const text = shown((await carol.say('policies')).replies);
    expect(text).not.to.include('Please give a whole number');
    expect(text).to.include('Visio Plan 2');
    expect(shown((await carol.say('3')).replies)).to.include('Sorry, I didn\'t understand "3"');
  });

  it('a change of licenses picked from a list says why the form is not filled in as asked', async () => {
    await boughtBy(h, 'alice', POWER_BI_PRO, 2, 'alice-pbi');
    const alice = h.user('alice');
    const huge = await alice.say('buy 1000000 more licenses');
    expect(shown(huge.replies)).to.include(
      'The number of licenses must be a whole number from 1 to 10,000.',
    );
    expect(shown(huge.replies)).to.include('Which subscription');
    const pick = cardWith(
      (await alice.say('buy 9999 more licenses')).replies,
      'Which subscription',
    );
    const title = [...JSON.stringify(pick).matchAll(/"title":"([^"]*)"/g)]
      .map((m) => m[1] ?? '')
      .find((t) => t.startsWith('Power BI Pro – '));
    const form = cardText(invokeCard(await alice.execute(pick, title ?? 'Power BI Pro')));
    expect(form).to.include('Change the number of Power BI Pro licenses');
    expect(form).to.include(
      'You have 2 Power BI Pro licenses, and a subscription can have at most 10,000, so you can add at most 9,998.',
    );
  });
});
