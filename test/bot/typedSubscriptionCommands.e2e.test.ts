// End to end over HTTP: a buyer types what they want done to their subscriptions, in English and Swedish, and gets
// the same screens the card buttons open; in a group chat or channel nothing private is shown.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { bobBuys } from '../helpers/checkout.js';
import {
  buttonStarting,
  cardText,
  cardWith,
  invokeCard,
  replyTexts,
} from '../helpers/teamsUser.js';

describe('typed requests about my subscriptions over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
    await bobBuys(h.user('bob'), [
      ['5 visio plan 2', '$75.00'],
      ['3 power bi pro', '$42.00'],
    ]);
  });
  after(async () => {
    await h.stop();
  });

  const PERSONAL: readonly [locale: string, say: string, shows: string][] = [
    ['en-US', 'cancel my Visio subscription', 'Cancel Visio Plan 2?'],
    ['en-US', 'remove 2 Power BI Pro licenses', 'Change the number of Power BI Pro licenses'],
    ['en-US', 'buy more Visio', 'Change the number of Visio Plan 2 licenses'],
    ['en-US', 'buy more licenses', 'Which subscription do you want to change the number of'],
    ['en-US', 'pay invoice', 'Your invoices, past 3 months'],
    ['en-US', 'change card', 'Which subscription do you want to change the card for?'],
    ['en-US', 'Can I buy 5 Visio Plan 2?', 'Yes, you can buy Visio Plan 2'],
    ['sv-SE', 'säg upp Visio', 'säga upp Visio Plan 2?'],
    ['sv-SE', 'ta bort 2 licenser av Power BI Pro', 'Ändra antalet licenser för Power BI Pro'],
    ['sv-SE', 'köp fler Visio', 'Ändra antalet licenser för Visio Plan 2'],
    ['sv-SE', 'köp fler licenser', 'För vilken prenumeration vill du ändra antalet licenser?'],
    ['sv-SE', 'betala faktura', 'Dina fakturor, de senaste 3 månaderna'],
    ['sv-SE', 'byt kort för Visio', 'Byt kort för Visio Plan 2'],
    ['sv-SE', 'kan jag köpa 5 Visio Plan 2?', 'Ja, du kan köpa Visio Plan 2'],
  ];
  for (const [locale, say, shows] of PERSONAL) {
    it(`"${say}" (${locale}) in the personal chat`, async () => {
      const answer = await h.user('bob', { locale }).say(say);
      expect(answer.status).to.equal(200);
      expect(cardText(cardWith(answer.replies, shows))).to.include(shows);
    });
  }

  const SHARED: readonly [locale: string, where: 'groupChat' | 'channel', say: string][] = [
    ['en-US', 'groupChat', 'cancel my Visio subscription'],
    ['en-US', 'channel', 'assign a license to alice@contoso.com'],
    ['en-US', 'groupChat', 'remove 2 Power BI Pro licenses'],
    ['en-US', 'channel', 'change card'],
    ['sv-SE', 'groupChat', 'säg upp Visio'],
    ['sv-SE', 'channel', 'tilldela en licens till alice@contoso.com'],
    ['sv-SE', 'groupChat', 'byt kort'],
  ];
  for (const [locale, where, say] of SHARED) {
    it(`"${say}" (${locale}) in a ${where} moves to the personal chat and shows nothing`, async () => {
      const bob = h.user('bob', {
        locale,
        conversationType: where,
        conversationId: `19:${where}@thread.v2`,
      });
      const answer = await bob.say(say, { mention: true });
      const texts = replyTexts(answer.replies).join('\n');
      expect(texts).to.match(/one-to-one chat|chatt mellan oss två/);
      expect(JSON.stringify(answer.replies)).not.to.match(/Visio Plan 2|Power BI Pro|Alice/);
      const mine = await h.app.domain.buyers.myPurchases(h.user('bob')['o'].caller);
      expect(mine.ok && mine.value.every((v) => v.status === 'Active')).to.equal(true);
      expect(
        mine.ok &&
          mine.value.every((v) => !v.assignedUsers.some((u) => u.upn?.startsWith('alice'))),
      ).to.equal(true);
    });
  }

  it('a typed assignment with several subscriptions: pick one, and the license is assigned', async () => {
    const bob = h.user('bob');
    const pick = cardWith(
      (await bob.say('assign a license to alice@contoso.com')).replies,
      'Which subscription',
    );
    expect(cardText(pick)).to.include(
      'Which subscription should alice@contoso.com get a license from?',
    );
    const done = invokeCard(await bob.execute(pick, buttonStarting(pick, 'Visio Plan 2 – ')));
    expect(cardText(done)).to.include('Done: Alice Anderson now has a license');
    expect(cardText(done)).to.include('2 of 5 assigned');
  });

  it('a typed assignment in Swedish that names the product is done at once', async () => {
    const bob = h.user('bob', { locale: 'sv-SE' });
    const answer = await bob.say('tilldela en licens för Power BI Pro till Heidi Hall');
    const card = cardText(cardWith(answer.replies, 'Klart'));
    expect(card).to.include('Klart: Heidi Hall har nu en licens');
    expect(card).to.include('2 av 3 tilldelade');
  });

  it('"buy more licenses" asks which subscription; the pick opens its quantity form', async () => {
    const bob = h.user('bob');
    const pick = cardWith((await bob.say('buy more licenses')).replies, 'Which subscription');
    const form = invokeCard(await bob.execute(pick, buttonStarting(pick, 'Power BI Pro – ')));
    expect(cardText(form)).to.include('Change the number of Power BI Pro licenses');
  });
});
