// A turn that throws, over HTTP: the person gets a friendly sentence with a reference in their language, operators
// get one error line with that reference and no stack, and the broken conversation starts afresh.

import { expect } from 'chai';
import sinon from 'sinon';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, replyTexts } from '../helpers/teamsUser.js';

const INTERNAL = 'eligibility backend exploded';

describe('errors in a turn (onTurnError) over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  afterEach(() => {
    sinon.restore();
  });
  after(async () => {
    await h.stop();
  });

  /** The turn.error log lines, parsed. */
  function errorLines(): Record<string, unknown>[] {
    return h.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === 'turn.error');
  }

  const languages = [
    {
      locale: 'en-US',
      user: 'bob',
      ask: 'can I buy Power BI Pro?',
      sentence: /^Sorry, something went wrong on my side\..* the reference ([0-9a-f]{8})\.$/,
    },
    {
      locale: 'sv-SE',
      user: 'alice',
      ask: 'kan jag köpa Power BI Pro?',
      sentence: /^Förlåt, något gick fel hos mig\..* referensen ([0-9a-f]{8})\.$/,
    },
  ];

  for (const l of languages) {
    it(`${l.locale}: the person gets a friendly sentence with a reference the log line also has`, async () => {
      const person = h.user(l.user, { locale: l.locale });
      sinon.stub(h.app.domain.eligibility, 'check').throws(new Error(INTERNAL));

      const answer = await person.say(l.ask);

      expect(answer.status).to.equal(200);
      const texts = replyTexts(answer.replies);
      expect(texts).to.have.length(1);
      const reference = l.sentence.exec(texts[0] ?? '')?.[1];
      expect(reference, texts[0]).to.be.a('string');
      expect(texts[0]).not.to.include(INTERNAL);

      const line = errorLines().find((e) => e.reference === reference);
      expect(line).to.include({ level: 'error', reference });
      expect(line).not.to.have.property('stack');
      expect(JSON.stringify(line)).to.include(INTERNAL);
      expect(JSON.stringify(line)).not.to.match(/\\n\s+at /);
    });
  }

  it('the flow that broke is forgotten: the next message is read afresh, and help works', async () => {
    const frank = h.user('frank');
    const asked = await frank.say('buy power bi pro');
    expect(replyTexts(asked.replies)).to.include('How many licenses do you need?');

    sinon.stub(h.app.domain.eligibility, 'check').throws(new Error(INTERNAL));
    const failed = await frank.say('5');
    expect(replyTexts(failed.replies).join('\n')).to.include('Sorry, something went wrong');
    sinon.restore();

    // Had the purchase flow survived, "5" would answer its question again and bring the checkout card.
    const again = await frank.say('5');
    expect(JSON.stringify(again.replies)).not.to.include('Checkout: Power BI Pro');
    expect(replyTexts(again.replies)).to.include(
      'Sorry, I didn\'t understand "5". Try "can I buy Power BI Pro?", "buy Visio Plan 2" or "my purchases", or type "help".',
    );

    const help = await frank.say('help');
    expect(cardText(cardWith(help.replies, 'What I can do'))).to.include('Ask me in plain words');
    expect(replyTexts(help.replies)).not.to.include('How many licenses do you need?');
  });
});
