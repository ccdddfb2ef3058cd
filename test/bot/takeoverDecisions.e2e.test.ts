// End to end over HTTP: the notification's "Take over" opens the take-over form, and a take-over done there is the
// purchase's decision, claimed like keep / turn off / cancel (§4.7). Rights are checked before a decision is shown,
// and every refusal of an admin card action names the tenant it was about (S-18).

import { expect } from 'chai';
import {
  boughtBy,
  cardsFor,
  startBot,
  startWithNotifiedPurchase,
  type Harness,
} from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

/** Presses a card action no button offered this person (a forged or forwarded click). */
async function forge(
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<string> {
  const exchange = await user.send({
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } },
  });
  return cardText(invokeCard(exchange));
}

const DENIED = "You don't have the admin role needed for that";

describe('the take-over form of a purchase notification over HTTP', () => {
  let h: Harness;
  let subscriptionId: string;
  let tenantId: string;
  beforeEach(async () => {
    ({ h, subscriptionId, tenantId } = await startWithNotifiedPurchase());
  });
  afterEach(async () => {
    await h.stop();
  });

  it('Carol keeps while Dave takes over in the form: only one happens, the other is told who did what', async () => {
    const carol = h.user('carol');
    const dave = h.user('dave');
    const carolCard = cardsFor(h, carol, 'New self-service purchase')[0]!;
    const daveCard = cardsFor(h, dave, 'New self-service purchase')[0]!;
    const form = invokeCard(await dave.execute(daveCard, 'Take over'));
    expect(cardText(form)).to.include('Take over Power BI Pro bought by Bob');
    const [kept, takenOver] = (
      await Promise.all([
        carol.execute(carolCard, 'Keep'),
        dave.execute(form, 'Cancel it', { reason: 'We license it centrally' }),
      ])
    ).map((e) => cardText(invokeCard(e)));
    const told = [kept, takenOver].filter((t) => t!.includes('Already handled by'));
    expect(told, `${kept}\n---\n${takenOver}`).to.have.length(1);
    const status = (await h.app.domain.subscriptions.get(subscriptionId))?.status;
    const decision = await h.app.domain.decisions.current(subscriptionId);
    if (told[0] === kept) {
      expect(kept).to.include('Already handled by Dave Davis');
      expect(kept).to.include('Dave Davis took this subscription of Power BI Pro over');
      expect(takenOver).to.include('Taken over and cancelled');
      expect(status).to.equal('Deleted');
      expect(decision?.kind).to.equal('takeOver');
    } else {
      expect(takenOver).to.include('Already handled by Carol Clark');
      expect(takenOver).to.include('Carol Clark kept this purchase of Power BI Pro');
      expect(status).to.equal('Active');
      expect(decision?.kind).to.equal('keep');
    }
  });

  it('after a keep, the form is not shown to another admin and its take-over is not done', async () => {
    const carol = h.user('carol');
    const dave = h.user('dave');
    invokeCard(await carol.execute(cardsFor(h, carol, 'New self-service purchase')[0]!, 'Keep'));
    const form = cardText(
      invokeCard(
        await dave.execute(cardsFor(h, dave, 'New self-service purchase')[0]!, 'Take over'),
      ),
    );
    expect(form).to.include('Already handled by Carol Clark');
    const forced = await forge(dave, 'takeover.cancel', {
      actionId: crypto.randomUUID(),
      tenantId,
      subscriptionId,
      reason: 'centralising',
      fromNotification: true,
    });
    expect(forced).to.include('Already handled by Carol Clark');
    expect((await h.app.domain.subscriptions.get(subscriptionId))?.status).to.equal('Active');
  });

  it('a kept purchase can still be taken over later from the purchases overview (§4.6)', async () => {
    const carol = h.user('carol');
    const dave = h.user('dave');
    invokeCard(await carol.execute(cardsFor(h, carol, 'New self-service purchase')[0]!, 'Keep'));
    const list = cardWith((await dave.say('purchases')).replies, 'Self-service purchases');
    const details = invokeCard(await dave.execute(list, 'Details'));
    const form = invokeCard(await dave.execute(details, 'Take over'));
    expect(cardText(form)).to.include('Take over Power BI Pro bought by Bob');
    const done = cardText(
      invokeCard(await dave.execute(form, 'Cancel it', { reason: 'We license it centrally' })),
    );
    expect(done).to.include('Taken over and cancelled');
    expect((await h.app.domain.subscriptions.get(subscriptionId))?.status).to.equal('Deleted');
    // The notification's decision stays what it was: Carol kept it when it was new.
    expect((await h.app.domain.decisions.current(subscriptionId))?.kind).to.equal('keep');
  });

  for (const name of ['erin', 'alice']) {
    it(`${name} opening the take-over form is refused before anything is shown, naming the tenant`, async () => {
      const carol = h.user('carol');
      invokeCard(await carol.execute(cardsFor(h, carol, 'New self-service purchase')[0]!, 'Keep'));
      const answer = await forge(h.user(name), 'takeover.form', { tenantId, subscriptionId });
      expect(answer).to.include(DENIED);
      expect(answer).not.to.include('Carol');
      expect(answer).not.to.include('Already handled');
      expect(answer).to.include('Tenant: Contoso');
    });
  }
});

describe('refusals of admin card actions name the tenant (S-18)', () => {
  let h: Harness;
  let subscriptionId: string;
  let tenantId: string;
  before(async () => {
    h = await startBot();
    tenantId = h.caller('bob').tenantId;
    ({ subscriptionId } = await boughtBy(h, 'bob', 'CFQ7TTC0H9MP', 1, 'bob-1'));
  });
  after(async () => {
    await h.stop();
  });

  const actions = (): [string, Record<string, unknown>][] => [
    ['note.decide', { actionId: crypto.randomUUID(), tenantId, subscriptionId, decision: 'keep' }],
    ['takeover.form', { tenantId, subscriptionId }],
    [
      'takeover.cancel',
      { actionId: crypto.randomUUID(), tenantId, subscriptionId, reason: 'centralising' },
    ],
    [
      'takeover.move',
      { actionId: crypto.randomUUID(), tenantId, subscriptionId, target: 'central-1' },
    ],
    ['admin.reactivate', { actionId: crypto.randomUUID(), tenantId, subscriptionId }],
    [
      'request.decide',
      { actionId: crypto.randomUUID(), tenantId, requestId: 'req-1', decision: 'deny' },
    ],
  ];

  it('a partner (Tom, Billing admin and Global reader at Tailspin) is refused, naming Contoso', async () => {
    const tom = h.user('tom', { tenant: 'Tailspin MSP' });
    for (const [verb, data] of actions()) {
      const answer = await forge(tom, verb, data);
      expect(answer, verb).to.include(DENIED);
      expect(answer, verb).to.include('Tenant: Contoso');
    }
  });

  it('an own-tenant admin’s refusals name the tenant too', async () => {
    const erin = h.user('erin');
    for (const [verb, data] of actions().filter(([v]) => v !== 'request.decide')) {
      const answer = await forge(erin, verb, data);
      expect(answer, verb).to.include(DENIED);
      expect(answer, verb).to.include('Tenant: Contoso');
    }
    // Dave may reactivate, but the purchase is Active: the refusal names the tenant as well.
    const dave = await forge(h.user('dave'), 'admin.reactivate', {
      actionId: crypto.randomUUID(),
      tenantId,
      subscriptionId,
    });
    expect(dave).to.include('Not possible');
    expect(dave).to.include('Tenant: Contoso');
  });
});
