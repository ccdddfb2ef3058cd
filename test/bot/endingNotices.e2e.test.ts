// End to end over HTTP: the buyer hears when a trial with a card is about to become paid and when a trial ends, and
// My purchases says a trial with a card converts rather than renews.

import { expect } from 'chai';
import { MS_PER_DAY } from '../../services/clock.js';
import { cardsFor, startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, lastCard, shown } from '../helpers/teamsUser.js';

const VISA = { cardNumber: '4242424242424242', cardExpiry: '11/31', cardCvc: '321' };

async function advanceDays(h: Harness, days: number): Promise<void> {
  (h.app.domain.clock as unknown as { offsetMs: number }).offsetMs += days * MS_PER_DAY;
  await h.app.tick();
  await h.app.tick();
}

describe('the buyer is told when things end (over HTTP)', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  after(async () => {
    await h.stop();
  });

  it('a card trial converts (not renews), is reminded once 3 days before; a free trial tells when it ends', async () => {
    const alice = h.user('alice');
    const bob = h.user('bob');
    const oscar = h.user('oscar', { locale: 'sv-SE' });
    for (const u of [alice, bob, oscar]) await u.install();
    invokeCard(
      await alice.execute(
        lastCard((await alice.say('try Project Plan 1')).replies),
        'Start free trial',
      ),
    );
    const bobTrial = lastCard((await bob.say('try Power BI Pro')).replies);
    invokeCard(await bob.execute(bobTrial, 'Start trial with card', VISA));
    const oscarTrial = lastCard((await oscar.say('prova Project Plan 1')).replies);
    const free = /"title":"(Starta[^"]*gratis[^"]*)"/.exec(JSON.stringify(oscarTrial))?.[1] ?? '';
    invokeCard(await oscar.execute(oscarTrial, free));

    const purchases = shown((await bob.say('my purchases')).replies);
    expect(purchases).to.include('Trial ends (converts to paid) on');
    expect(purchases).not.to.include('Renews on');

    await advanceDays(h, 27);
    expect(cardsFor(h, bob, 'becomes paid')).to.have.length(1);
    const [reminder] = cardsFor(h, bob, 'becomes paid');
    expect(reminder && cardText(reminder)).to.include('$14.00 will be charged to your card');
    await advanceDays(h, 1);
    expect(cardsFor(h, bob, 'becomes paid')).to.have.length(1);

    await advanceDays(h, 3);
    const [ended] = cardsFor(h, alice, 'Your trial of Project Plan 1 has ended');
    expect(ended, 'the trial-ended notice').not.to.equal(undefined);
    expect(cardText(ended ?? {})).to.include('keep access for 30 days');
    expect(cardText(ended ?? {})).to.include('Buy');
    expect(cardsFor(h, oscar, 'Project Plan 1 har tagit slut')).to.have.length(1);
    expect(cardsFor(h, bob, 'Power BI Pro is now paid')).to.have.length(1);

    await advanceDays(h, 30);
    expect(cardsFor(h, alice, 'no longer have access')).to.have.length(1);
    expect(cardsFor(h, oscar, 'inte längre åtkomst')).to.have.length(1);
    await advanceDays(h, 91);
    expect(cardsFor(h, alice, 'Project Plan 1 was deleted')).to.have.length(1);
    // Nothing is sent twice, however often the job runs.
    await advanceDays(h, 0);
    expect(cardsFor(h, alice, 'Project Plan 1 was deleted')).to.have.length(1);
    expect(cardWith((await alice.say('my purchases')).replies, 'Project Plan 1')).to.be.an(
      'object',
    );
  });
});
