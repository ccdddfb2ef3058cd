// A purchase interrupted by a crash, over HTTP. Stopped before the charge and given up by the lifecycle job: the
// buyer's next click is told nothing was charged and offered a new purchase (not "try again in a moment", which
// could never succeed). Stopped after the charge: the next click finishes it and says "Already done".

import { expect } from 'chai';
import sinon from 'sinon';
import type { ChargeRequest, Transaction } from '../../services/payments/paymentProvider.js';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

const VISA = {
  cardNumber: '4242 4242 4242 4242',
  cardExpiry: '11/31',
  cardCvc: '321',
  cardHolder: 'Bob Brown',
};

/** Moves the bot's clock on (the clock is an offset from real time). */
function advance(h: Harness, ms: number): void {
  (h.app.domain.clock as unknown as { offsetMs: number }).offsetMs += ms;
}

type Charge = (request: ChargeRequest) => Promise<Transaction>;

describe('a purchase interrupted by a crash, over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    sinon.restore();
    await h.stop();
  });

  async function checkoutFor(bob: TeamsUser, locale?: string): Promise<Record<string, unknown>> {
    return cardWith(
      (await bob.say(locale ? 'köp 2 power apps' : 'buy 2 power apps')).replies,
      locale ? 'Kassa' : 'Checkout',
    );
  }

  async function powerAppsSubscriptions(): Promise<number> {
    const subs = await h.app.domain.subscriptions.listByTenant(h.caller('bob').tenantId);
    const powerApps = subs.filter((s) => s.productName === 'Power Apps per user');
    return powerApps.length;
  }

  for (const language of [
    {
      locale: undefined,
      pay: 'Confirm and pay $40.00',
      sentence: 'This purchase was stopped before your card was charged, so nothing was charged.',
      button: 'Start a new purchase',
      busy: 'Another change',
      checkout: 'Checkout',
    },
    {
      locale: 'sv-SE',
      pay: undefined,
      sentence: 'Köpet avbröts innan ditt kort debiterades, så ingenting har dragits.',
      button: 'Starta ett nytt köp',
      busy: 'En annan ändring',
      checkout: 'Kassa',
    },
  ]) {
    it(`${language.locale ?? 'en-US'}: stopped before the charge and given up: nothing charged, and a button for a new purchase`, async () => {
      const bob = h.user('bob', { locale: language.locale });
      const checkout = await checkoutFor(bob, language.locale);
      const payLabel =
        language.pay ?? JSON.stringify(checkout).match(/Bekräfta och betala [^"]+/)?.[0] ?? '';
      // The process "dies" after writing the intent, before the card is charged.
      const provider = h.app.domain.payments as unknown as { charge: Charge };
      const charge = sinon.stub(provider, 'charge').rejects(new Error('process died'));
      await bob.execute(checkout, payLabel, VISA);
      expect(charge.callCount).to.equal(1);
      charge.restore();

      advance(h, 3 * 60_000);
      await h.app.tick();

      const refusal = invokeCard(await bob.execute(checkout, payLabel, VISA));
      const again = cardText(refusal);
      expect(again).to.include(language.sentence);
      expect(again).not.to.include(language.busy);
      expect(again).to.include(language.button);
      expect(await powerAppsSubscriptions()).to.equal(0);

      // The button opens a fresh checkout, which buys.
      const fresh = invokeCard(await bob.execute(refusal, language.button));
      expect(cardText(fresh)).to.include(language.checkout);
      const receipt = cardText(invokeCard(await bob.execute(fresh, payLabel, VISA)));
      expect(receipt).to.include(language.locale ? 'Tack!' : 'Thank you!');
      expect(await powerAppsSubscriptions()).to.equal(1);
    });
  }

  it('stopped after the charge: the next click finishes it and says "Already done", with one charge', async () => {
    const bob = h.user('bob');
    const checkout = await checkoutFor(bob);
    const provider = h.app.domain.payments as unknown as { charge: Charge };
    const realCharge = provider.charge.bind(provider);
    const charges: Transaction[] = [];
    let crash = true;
    sinon.stub(provider, 'charge').callsFake(async (request: ChargeRequest) => {
      const transaction = await realCharge(request);
      charges.push(transaction);
      if (crash) {
        crash = false;
        throw new Error('process died');
      }
      return transaction;
    });
    await bob.execute(checkout, 'Confirm and pay $40.00', VISA);
    const again = cardText(invokeCard(await bob.execute(checkout, 'Confirm and pay $40.00', VISA)));
    expect(again).to.match(/Already done: order \d+/);
    expect(again).not.to.include('Thank you!');
    expect(new Set(charges.map((c) => c.id)).size).to.equal(1);
    expect(await powerAppsSubscriptions()).to.equal(1);
  });
});
