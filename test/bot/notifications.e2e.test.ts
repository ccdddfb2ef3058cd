// Proactive notifications over HTTP: delivered where the bot can reach people, kept until they write otherwise,
// never sent twice, retried after a failed send; references captured on install and message, dropped on uninstall.

import { expect } from 'chai';
import { Localizer } from '../../locales/localizer.js';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

async function buyAs(buyer: TeamsUser, quantity: number): Promise<void> {
  const checkout = cardWith((await buyer.say(`buy ${quantity} power apps`)).replies, 'Checkout');
  const receipt = invokeCard(
    await buyer.execute(checkout, `Confirm and pay $${quantity * 20}.00`, {
      cardNumber: '4242424242424242',
      cardExpiry: '11/31',
      cardCvc: '321',
      cardHolder: 'Bob Brown',
    }),
  );
  expect(cardText(receipt)).to.include('Thank you!');
}

function cardsTo(h: Harness, user: TeamsUser, title: string): string[] {
  return h.connector
    .sentTo(user.conversationId)
    .map(
      (a) => (a.attachments as { content?: Record<string, unknown> }[] | undefined)?.[0]?.content,
    )
    .filter((c): c is Record<string, unknown> => c !== undefined)
    .map(cardText)
    .filter((text) => text.includes(title));
}

describe('notifications over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('an admin who installed the app gets the purchase card proactively, once', async () => {
    const dave = h.user('dave');
    await dave.install();
    await buyAs(h.user('bob'), 2);
    await h.app.tick();
    await h.app.tick();
    const cards = cardsTo(h, dave, 'New self-service purchase: Power Apps per user');
    expect(cards).to.have.length(1);
    for (const fact of [
      'Bob Brown',
      'Power Apps per user',
      '$40.00',
      'Keep',
      'Take over',
      'Cancel the purchase',
    ]) {
      expect(cards[0]).to.include(fact);
    }
  });

  it('an admin who never installed gets it the next time they write, and only then', async () => {
    await buyAs(h.user('bob'), 1);
    const carol = h.user('carol');
    await h.app.tick();
    expect(h.connector.sentTo(carol.conversationId)).to.have.length(0);
    const first = await carol.say('hi');
    expect(
      first.replies
        .map((r) => cardText((r.attachments as { content: Record<string, unknown> }[])[0]!.content))
        .join('\n'),
    ).to.include('New self-service purchase: Power Apps per user');
    const second = await carol.say('hi');
    expect(JSON.stringify(second.replies)).not.to.include('New self-service purchase');
    await h.app.tick();
    expect(cardsTo(h, carol, 'New self-service purchase')).to.have.length(1);
  });

  it('a failed send is retried on the next pass and delivered once', async () => {
    const dave = h.user('dave');
    await dave.install();
    await buyAs(h.user('bob'), 1);
    // A status the connector client does not retry by itself (the user has blocked the bot, say): the pass fails
    // and releases the event.
    h.connector.failNext = { count: 1, status: 403, conversationId: dave.conversationId };
    await h.app.tick();
    expect(cardsTo(h, dave, 'New self-service purchase')).to.have.length(0);
    await h.app.tick();
    await h.app.tick();
    expect(cardsTo(h, dave, 'New self-service purchase')).to.have.length(1);
  });

  it('after uninstall nothing is pushed; it waits until the person writes again', async () => {
    const dave = h.user('dave');
    await dave.install();
    await dave.install('remove');
    await buyAs(h.user('bob'), 1);
    await h.app.tick();
    expect(cardsTo(h, dave, 'New self-service purchase')).to.have.length(0);
    const back = await dave.say('hello');
    expect(JSON.stringify(back.replies)).to.include('New self-service purchase');
  });

  it('the buyer’s own confirmation arrives in Swedish when they write in Swedish', async () => {
    const bob = h.user('bob', { locale: 'sv-SE' });
    const checkout = cardWith((await bob.say('köp 2 power apps')).replies, 'Kassa');
    const receipt = invokeCard(
      await bob.execute(checkout, `Bekräfta och betala ${new Localizer('sv-SE').money(4000)}`, {
        cardNumber: '4000 0566 5566 5556',
        cardExpiry: '11/31',
        cardCvc: '321',
        cardHolder: 'Bob Brown',
      }),
    );
    expect(cardText(receipt)).to.include('Tack! Du har köpt Power Apps per user');
    await h.app.tick();
    expect(cardsTo(h, bob, 'Tack för ditt köp')).to.have.length(1);
  });
});

describe('group chats and channels', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  after(async () => {
    await h.stop();
  });

  it('answers only when @mentioned, reading the text without the mention', async () => {
    const alice = h.user('alice', {
      conversationType: 'groupChat',
      conversationId: '19:group-chat@thread.v2',
    });
    const ignored = await alice.say('can I buy Power BI Pro?');
    expect(ignored.status).to.equal(200);
    expect(ignored.replies).to.have.length(0);
    const answered = await alice.say('can I buy Power BI Pro?', { mention: true });
    expect(cardText(cardWith(answered.replies, 'Power BI Pro'))).to.include(
      'Yes, you can buy Power BI Pro',
    );
    expect(
      answered.replies.every(
        (r) => (r.conversation as { id: string }).id === '19:group-chat@thread.v2',
      ),
    ).to.equal(true);
  });

  it('never shows a buyer’s purchases in a channel: they go to the personal chat', async () => {
    const bobPersonal = h.user('bob');
    await bobPersonal.install();
    const bobInChannel = h.user('bob', {
      conversationType: 'channel',
      conversationId: '19:general@thread.tacv2',
    });
    const reply = await bobInChannel.say('my purchases', { mention: true });
    expect(
      JSON.stringify(
        reply.replies.filter((r) => (r.conversation as { id: string }).id.startsWith('19:general')),
      ),
    ).not.to.include('Your purchases');
    expect(JSON.stringify(reply.replies)).to.include("I've sent that to you in our private chat");
    expect(cardsTo(h, bobPersonal, 'Your purchases')).to.have.length(1);
    const buy = await bobInChannel.say('buy 3 visio plan 2', { mention: true });
    expect(JSON.stringify(buy.replies)).not.to.include('Checkout');
    expect(JSON.stringify(buy.replies)).to.include('private');
  });
});
