// Stopping with a turn in flight: the turn finishes and is answered, and the stop completes as soon as it has,
// instead of waiting out the keep-alive timeout of the connection that carried it (SIGTERM once took 15 s).

import { expect } from 'chai';
import sinon from 'sinon';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith } from '../helpers/teamsUser.js';

describe('stopping with a turn in flight', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    sinon.restore();
    await h.stop();
  });

  it('answers the turn, then stops within moments of it', async () => {
    const bob = h.user('bob');
    await bob.say('hi'); // a keep-alive connection, as Teams keeps one
    const eligibility = h.app.domain.eligibility;
    const check = eligibility.check.bind(eligibility);
    let entered = false;
    sinon.stub(eligibility, 'check').callsFake(async (...args: Parameters<typeof check>) => {
      entered = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
      return check(...args);
    });
    const answered = bob.say('can I buy Power BI Pro?').then((exchange) => ({
      exchange,
      at: Date.now(),
    }));
    while (!entered) await new Promise((resolve) => setTimeout(resolve, 5));

    const stopped = h.app.stop().then(() => Date.now());
    const { exchange, at } = await answered;
    expect(exchange.status).to.equal(200);
    expect(cardText(cardWith(exchange.replies, 'Power BI Pro'))).to.include('Power BI Pro');
    expect((await stopped) - at).to.be.below(1_000);
  });
});
