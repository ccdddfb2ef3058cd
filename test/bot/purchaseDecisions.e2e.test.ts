// End to end over HTTP: two admins press their purchase notification's buttons at the same moment; one action is
// carried out and the other admin is told it (§4.7). People who may not decide are refused with the usual sentence.

import { expect } from 'chai';
import { cardsFor, startWithNotifiedPurchase, type Harness } from '../helpers/botHarness.js';
import { cardText, invokeCard } from '../helpers/teamsUser.js';

describe('purchase notification decisions over HTTP', () => {
  let h: Harness;
  let subscriptionId: string;
  let tenantId: string;
  beforeEach(async () => {
    ({ h, subscriptionId, tenantId } = await startWithNotifiedPurchase());
  });
  afterEach(async () => {
    await h.stop();
  });

  it('Carol keeps while Dave cancels: only one happens, and the other is told who did what', async () => {
    const carol = h.user('carol');
    const dave = h.user('dave');
    const carolCard = cardsFor(h, carol, 'New self-service purchase')[0]!;
    const daveCard = cardsFor(h, dave, 'New self-service purchase')[0]!;
    const [kept, cancelled] = (
      await Promise.all([
        carol.execute(carolCard, 'Keep'),
        dave.execute(daveCard, 'Cancel the purchase'),
      ])
    ).map((e) => cardText(invokeCard(e)));
    const told = [kept, cancelled].filter((t) => t!.includes('Already handled by'));
    expect(told, `${kept}\n---\n${cancelled}`).to.have.length(1);
    const status = (await h.app.domain.subscriptions.get(subscriptionId))?.status;
    if (told[0] === kept) {
      expect(kept).to.include('Already handled by Dave Davis');
      expect(status).to.equal('Deleted');
    } else {
      expect(cancelled).to.include('Already handled by Carol Clark');
      expect(status).to.equal('Active');
    }
  });

  for (const name of ['erin', 'frank', 'alice']) {
    it(`${name} cannot keep the purchase with a forged button, and learns nothing of it`, async () => {
      const carol = h.user('carol');
      invokeCard(await carol.execute(cardsFor(h, carol, 'New self-service purchase')[0]!, 'Keep'));
      const data = {
        verb: 'note.decide',
        actionId: crypto.randomUUID(),
        tenantId,
        subscriptionId,
        decision: 'keep',
      };
      const answer = cardText(
        invokeCard(
          await h.user(name).send({
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', verb: 'note.decide', data } },
          }),
        ),
      );
      expect(answer).to.include("You don't have the admin role needed for that");
      expect(answer).not.to.include('Carol');
    });
  }
});
