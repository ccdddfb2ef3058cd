// End to end over HTTP: the product picker and overview buttons (Execute, replaced, repeatable, in channels), a new
// card typed over a saved one, and people's text kept out of Markdown in channel replies.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import {
  cardText,
  cardWith,
  findAction,
  invokeCard,
  lastCard,
  replyTexts,
  type Exchange,
} from '../helpers/teamsUser.js';

type Json = Record<string, unknown>;

/** Every card a reply carried, as text (sent or updated in place). */
function repliedCards(exchange: Exchange): string {
  return exchange.replies
    .flatMap((r) => (r.attachments as { content?: Json }[] | undefined) ?? [])
    .map((a) => (a.content ? cardText(a.content) : ''))
    .join('\n---\n');
}

describe('product picker, overview and checkout over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  after(async () => {
    await h.stop();
  });

  it('a new card typed into the checkout is the one charged, even with a saved card preselected', async () => {
    const bob = h.user('bob');
    await bob.install();
    const first = lastCard((await bob.say('buy 1 visio plan 1')).replies);
    const paid = invokeCard(
      await bob.execute(first, 'Confirm and pay $5.00', {
        cardNumber: '4242 4242 4242 4242',
        cardExpiry: '12/30',
        cardCvc: '123',
        cardHolder: 'Bob Brown',
      }),
    );
    expect(cardText(paid)).to.include('•••• 4242');

    const second = cardWith(
      (await bob.say('buy 1 visio plan 2')).replies,
      'Checkout: Visio Plan 2',
    );
    expect(cardText(second)).to.include('New card (fill in below)');
    const receipt = invokeCard(
      await bob.execute(second, 'Confirm and pay $15.00', {
        cardNumber: '5555 5555 5555 4444',
        cardExpiry: '12/30',
        cardCvc: '123',
        cardHolder: 'Bob Brown',
      }),
    );
    expect(cardText(receipt)).to.include('Thank you! You bought Visio Plan 2');
    expect(cardText(receipt)).to.include('•••• 4444');
    expect(cardText(receipt)).not.to.include('4242');

    const third = cardWith(
      (await bob.say('buy 1 project plan 1')).replies,
      'Checkout: Project Plan 1',
    );
    const saved = invokeCard(await bob.execute(third, 'Confirm and pay $10.00'));
    expect(cardText(saved), 'no number typed: the preselected saved card').to.include('•••• 4444');
  });

  it('in a channel, a Markdown link typed after the mention is echoed as plain text', async () => {
    const dave = h.user('heidi', { conversationType: 'channel', conversationId: '19:markdown' });
    const reply = await dave.say(
      '[Refund approved - click here](https://evil.example) **URGENT**',
      { mention: true },
    );
    const [text] = replyTexts(reply.replies);
    expect(text).to.include(
      '\\[Refund approved - click here\\]\\(https://evil.example\\) \\*\\*URGENT\\*\\*',
    );
    expect(text).not.to.include('[Refund approved - click here](https://evil.example)');
  });

  it('in a channel, a picker click answers, whether Execute or its Submit fallback', async () => {
    const dave = h.user('heidi', { conversationType: 'channel', conversationId: '19:picker' });
    const asked = await dave.say('can I buy visio', { mention: true });
    const picker = lastCard(asked.replies);
    const button = findAction(picker, 'Visio Plan 1');
    expect(button.type).to.equal('Action.Execute');
    expect((button.fallback as Json).type).to.equal('Action.Submit');

    const executed = invokeCard(await dave.execute(picker, 'Visio Plan 1'));
    expect(cardText(executed)).to.include('Yes, you can buy Visio Plan 1');

    const submitted = await dave.submit(picker, 'Visio Plan 1');
    expect(repliedCards(submitted)).to.include('Yes, you can buy Visio Plan 1');
    expect(submitted.replies.map((r) => r.id)).to.include('card-1');

    const later = await dave.say('can I buy Power BI Pro?', { mention: true });
    expect(repliedCards(later), 'the typed question is not stuck in the picker').to.include(
      'Yes, you can buy Power BI Pro',
    );
  });

  for (const [person, locale, question, quantityLabel, next, answer, notUnderstood] of [
    ['alice', 'en-US', 'buy visio', 'Licenses', 'Buy', 'Total today: $15.00', "didn't understand"],
    ['oscar', 'sv-SE', 'köp visio', 'Licenser', 'Köp', 'Att betala i dag: 15,00', 'förstod inte'],
  ] as const) {
    it(`in the personal chat (${locale}), the picker is replaced, ends the typed question and can be clicked again`, async () => {
      const user = h.user(person, { locale });
      await user.install();
      const picker = lastCard((await user.say(question)).replies);

      const chosen = invokeCard(await user.execute(picker, 'Visio Plan 1'));
      expect(cardText(chosen)).to.include(quantityLabel);
      const checkout = invokeCard(await user.execute(chosen, next, { quantity: '3' }));
      expect(cardText(checkout)).to.include(answer);

      const again = invokeCard(await user.execute(picker, 'Visio Plan 1'));
      expect(cardText(again)).to.include(quantityLabel);
      const fallback = await user.submit(picker, 'Visio Plan 1');
      expect(repliedCards(fallback)).to.include(quantityLabel);
      expect(replyTexts(fallback.replies).join('\n')).not.to.include(notUnderstood);

      const afterwards = await user.say('products');
      expect(repliedCards(afterwards), 'the product question is over').to.include('Visio Plan 2');
      expect(replyTexts(afterwards.replies)).to.deep.equal([]);
    });
  }

  it('a picker for a purchase with the quantity typed goes straight to the checkout', async () => {
    const frank = h.user('nora');
    await frank.install();
    const picker = lastCard((await frank.say('buy 5 visio')).replies);
    const checkout = invokeCard(await frank.execute(picker, 'Visio Plan 1'));
    expect(cardText(checkout)).to.include('Total today: $25.00');
  });

  it('a row of the product overview is an Execute button that answers for that product', async () => {
    const bob = h.user('bob');
    const overview = cardWith((await bob.say('products')).replies, 'Products you can buy');
    const row = findAction(overview, 'Visio Plan 1');
    expect(row.type).to.equal('Action.Execute');
    expect((row.fallback as Json).type).to.equal('Action.Submit');
    const answer = invokeCard(await bob.execute(overview, 'Visio Plan 1'));
    expect(cardText(answer)).to.include('Yes, you can buy Visio Plan 1');
  });
});
