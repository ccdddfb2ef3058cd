// End to end over HTTP: "already done" says what was done, an organization's request message is shown literally and
// the same way everywhere, central subscriptions are only preselected for the same product, the export goes to the
// personal chat like the purchases list, and a request's status is a capitalized word.

import { expect } from 'chai';
import { startBotWithSeed, type Harness } from '../helpers/botHarness.js';
import { TEST_VISA } from '../helpers/checkout.js';
import { cardText, cardWith, invokeCard, replyTexts } from '../helpers/teamsUser.js';

type Json = Record<string, unknown>;

const CUSTOM =
  'Order via the *IT portal*: [form](https://it.example/order) _today_ (ticket #12) \\o/';

/** Every node of a card with the given property value. */
function nodes(card: unknown, where: (n: Json) => boolean): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (where(node as Json)) found.push(node as Json);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const choiceSet = (card: unknown, id: string): Json | undefined =>
  nodes(card, (n) => n.type === 'Input.ChoiceSet' && n.id === id)[0];

/** The text of the quotes (TextRuns, never Markdown) and of the TextBlocks of a card. */
const textRuns = (card: unknown): string[] =>
  nodes(card, (n) => n.type === 'TextRun').map((n) => String(n.text));
const textBlocks = (card: unknown): string[] =>
  nodes(card, (n) => n.type === 'TextBlock').map((n) => String(n.text));

describe('wording fixes over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBotWithSeed(
      (seed: { tenants: { name: string; customRequestMessage?: string }[] }) => {
        const fjallbacka = seed.tenants.find((t) => t.name === 'Fjällbacka Design AB');
        fjallbacka!.customRequestMessage = CUSTOM;
      },
    );
  });
  after(async () => {
    await h.stop();
  });

  it('a double-clicked cancellation says it was cancelled, not that nothing more was charged', async () => {
    const dave = h.user('dave');
    await dave.install();
    const checkout = cardWith((await dave.say('buy 1 visio plan 1')).replies, 'Checkout');
    await dave.execute(checkout, 'Confirm and pay $5.00', TEST_VISA);
    const list = cardWith((await dave.say('my purchases')).replies, 'Your purchases');
    const manage = invokeCard(await dave.execute(list, 'Manage'));
    const preview = invokeCard(await dave.execute(manage, 'Cancel subscription'));
    const answers = (
      await Promise.all([
        dave.execute(preview, 'Yes, cancel it'),
        dave.execute(preview, 'Yes, cancel it'),
      ])
    ).map((a) => cardText(invokeCard(a)));
    const again = answers.find((a) => a.includes('Already done'));
    expect(again).to.match(/Already done: the subscription was cancelled in order \d+\./);
    expect(again).not.to.include('charged');
  });

  for (const c of [
    { lang: 'English', user: 'sven', locale: 'en-US', ask: 'request a license for Visio Plan 2' },
    { lang: 'Swedish', user: 'sven', locale: 'sv-SE', ask: 'begär licens Visio Plan 2' },
  ]) {
    it(`the organization's own request message is shown literally, once, in ${c.lang}`, async () => {
      const karin = h.user('karin', { tenant: 'Fjällbacka Design AB', locale: 'sv-SE' });
      await karin.say('stäng av Visio Plan 2');
      const sven = h.user(c.user, { tenant: 'Fjällbacka Design AB', locale: c.locale });
      await sven.install();
      const refused = (await sven.say(c.ask)).replies;
      const eligibility = (
        await sven.say(
          c.locale === 'sv-SE' ? 'kan jag köpa Visio Plan 2?' : 'can I buy Visio Plan 2?',
        )
      ).replies;
      for (const replies of [refused, eligibility]) {
        const card = replies
          .map((r) => (r.attachments as { content?: Json }[] | undefined)?.[0]?.content)
          .find((x) => x && JSON.stringify(x).includes('IT portal'));
        expect(textRuns(card)).to.include(CUSTOM);
        // Not in Markdown anywhere, so never escaped and never shown with backslashes.
        expect(textBlocks(card).join('\n')).not.to.include('IT portal');
      }
      const intro =
        c.locale === 'sv-SE'
          ? 'Din organisation har ett eget sätt'
          : 'Your organization has its own way';
      expect(JSON.stringify(refused)).to.include(intro);
    });
  }

  it('a take-over preselects only a central subscription of the same product, listed first', async () => {
    const bob = h.user('bob');
    await bob.install();
    for (const [ask, button] of [
      ['buy 1 project plan 1', 'Confirm and pay $10.00'],
      ['buy 1 power bi pro', 'Confirm and pay $14.00'],
    ] as const) {
      const checkout = cardWith((await bob.say(ask)).replies, 'Checkout');
      await bob.execute(checkout, button, TEST_VISA);
    }
    const carol = h.user('carol');
    const list = cardWith((await carol.say('purchases')).replies, 'Self-service purchases');
    const rows = nodes(list, (n) => n.type === 'Action.Execute' && n.title === 'Details');
    const forms: Record<string, Json> = {};
    for (const row of rows) {
      const details = invokeCard(
        await carol.send({
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: row.verb, data: row.data } },
        }),
      );
      const text = cardText(details);
      if (!text.includes('Bob Brown')) continue;
      const form = invokeCard(await carol.execute(details, 'Take over'));
      const product = /Take over (.+?) bought by/.exec(cardText(form))?.[1] ?? '';
      forms[product] = form;
    }
    const project = choiceSet(forms['Project Plan 1'], 'target');
    expect(project, 'Project Plan 1 take-over form').to.not.equal(undefined);
    expect(project!.value ?? '').to.equal('');
    expect(project!.errorMessage).to.equal('Choose a central subscription.');

    const pbi = choiceSet(forms['Power BI Pro'], 'target')!;
    const choices = pbi.choices as { title: string; value: string }[];
    expect(choices[0]!.title).to.match(/^Power BI Pro/);
    expect(pbi.value).to.equal(choices[0]!.value);
  });

  it('a request approval preselects only a central subscription of the product asked for', async () => {
    const carol = h.user('carol');
    await carol.say('disable Power BI Premium Per User');
    await carol.say('disable Visio Plan 2');
    const alice = h.user('alice');
    await alice.install();
    for (const product of ['power bi premium per user', 'visio plan 2']) {
      const form = cardWith(
        (await alice.say(`request a license for ${product}`)).replies,
        'Request',
      );
      await alice.execute(form, 'Send request', { forSelf: 'true' });
    }
    const replies = (await h.user('frank').say('requests')).replies;
    const ppu = cardWith(replies, 'Alice Anderson asks for Power BI Premium Per User');
    const ppuChoice = choiceSet(ppu, 'centralSubscriptionId')!;
    expect(ppuChoice.value ?? '').to.equal('');
    expect(ppuChoice.errorMessage).to.equal('Choose a central subscription.');
    expect(cardText(ppu)).to.include('Pending');
    expect(cardText(ppu)).not.to.match(/\bpending\b/);

    const visio = cardWith(replies, 'Alice Anderson asks for Visio Plan 2');
    const visioChoice = choiceSet(visio, 'centralSubscriptionId')!;
    const choices = visioChoice.choices as { title: string; value: string }[];
    expect(choices[0]!.title).to.match(/^Visio Plan 2/);
    expect(visioChoice.value).to.equal(choices[0]!.value);

    const sv = cardWith(
      (await h.user('frank', { locale: 'sv-SE' }).say('begäranden')).replies,
      'Alice Anderson ber om Visio Plan 2',
    );
    expect(cardText(sv)).to.include('Väntar');
  });

  for (const c of [
    { locale: 'en-US', ask: 'export purchases', sent: 'purchases' },
    { locale: 'sv-SE', ask: 'exportera köp', sent: 'alla köp' },
  ]) {
    it(`"${c.ask}" in a channel sends the file to the personal chat, as "${c.sent}" does`, async () => {
      const carol = h.user('carol', { locale: c.locale });
      await carol.install();
      const inChannel = h.user('carol', {
        locale: c.locale,
        conversationType: 'channel',
        conversationId: '19:it-team@thread.tacv2',
      });
      const listed = await inChannel.say(c.sent, { mention: true });
      const exported = await inChannel.say(c.ask, { mention: true });
      expect(replyTexts(exported.replies)).to.deep.equal(replyTexts(listed.replies));
      const consent = h.connector
        .sentTo(carol.conversationId)
        .flatMap((a) => (a.attachments as { contentType: string }[] | undefined) ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
      expect(consent).to.have.length.greaterThan(0);
    });
  }
});
