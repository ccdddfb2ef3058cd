// Dialog tests: "cancel …" / "säg upp …" / "avbryt …" followed by words that name no product are not a request to
// cancel a subscription: inside a flow they stop it, outside one they get the "didn't understand" answer. Words
// that do name a product still cancel that subscription.

import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog.js';
import { recognize } from '../../dialogs/intents.js';
import { asTeamsUser } from '../helpers/dialogUser.js';
import { buy, fixture, PRODUCT, type Fixture } from '../helpers/domainFixture.js';
import { cardText } from '../helpers/teamsUser.js';

function shown(reply: Partial<Activity>): string {
  const cards = (reply.attachments ?? []).map((a) =>
    cardText(a.content as Record<string, unknown>),
  );
  return [reply.text ?? '', ...cards].join('\n');
}

/** Says each line in turn; returns what each turn answered. */
async function talk(f: Fixture, locale: string, lines: readonly string[]): Promise<string[]> {
  const client = new DialogTestClient(
    'msteams',
    new MainDialog(f.domain, () => Promise.resolve(false)),
    undefined,
    [asTeamsUser(f, 'bob', locale)],
  );
  const answers: string[] = [];
  for (const line of lines) {
    const replies = [(await client.sendActivity(line)) as Partial<Activity>];
    for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
    answers.push(replies.map(shown).join('\n---\n'));
  }
  return answers;
}

const UNKNOWN_PRODUCT = ["I don't know a product called", 'Jag känner inte till någon produkt'];

interface Script {
  readonly name: string;
  readonly locale: string;
  readonly lines: readonly string[];
  /** What the last answer shows. */
  readonly last: readonly string[];
  readonly hides?: readonly string[];
}

const SCRIPTS: readonly Script[] = [
  {
    name: '"cancel request" with nothing going on is not understood',
    locale: 'en-US',
    lines: ['cancel request'],
    last: ['Sorry, I didn\'t understand "cancel request"'],
  },
  {
    name: '"cancel the license request" in the middle of a purchase stops it',
    locale: 'en-US',
    lines: ['buy visio plan 2', 'cancel the license request'],
    last: ["OK, I've stopped"],
  },
  {
    name: 'after "cancel everything" stopped the purchase, a number starts nothing',
    locale: 'en-US',
    lines: ['buy visio plan 2', 'cancel everything', '3'],
    last: ['Sorry, I didn\'t understand "3"'],
    hides: ['Total today'],
  },
  {
    name: '"cancel my **urgent** thing" is not understood, and shown literally',
    locale: 'en-US',
    lines: ['cancel my **urgent** thing'],
    last: ['didn\'t understand "cancel my \\*\\*urgent\\*\\* thing"'],
  },
  {
    name: '"cancel the purchase" in the middle of a purchase stops it',
    locale: 'en-US',
    lines: ['buy visio plan 2', 'cancel the purchase'],
    last: ["OK, I've stopped"],
    hides: ['Cancel Visio Plan 2?'],
  },
  {
    name: '"cancel Visio" in the middle of a purchase stops it; said again, it cancels the subscription',
    locale: 'en-US',
    lines: ['buy visio plan 2', 'cancel Visio', 'cancel Visio'],
    last: ['Cancel Visio Plan 2?'],
  },
  {
    name: '"säg upp köpet" mitt i ett köp avbryter det',
    locale: 'sv-SE',
    lines: ['köp visio plan 2', 'säg upp köpet'],
    last: ['Okej, jag har avbrutit'],
    hides: ['säga upp Visio Plan 2?'],
  },
  {
    name: '"cancel Visio" still cancels the subscription',
    locale: 'en-US',
    lines: ['cancel Visio'],
    last: ['Cancel Visio Plan 2?'],
  },
  {
    name: '"säg upp förfrågan" utan något pågående förstås inte',
    locale: 'sv-SE',
    lines: ['säg upp förfrågan'],
    last: ['Förlåt, jag förstod inte ”säg upp förfrågan”'],
  },
  {
    name: '"avbryt köpet" mitt i ett köp avbryter det',
    locale: 'sv-SE',
    lines: ['köp visio plan 2', 'avbryt köpet'],
    last: ['Okej, jag har avbrutit'],
  },
  {
    name: '"säg upp förfrågan" mitt i ett köp avbryter det',
    locale: 'sv-SE',
    lines: ['köp visio plan 2', 'säg upp förfrågan'],
    last: ['Okej, jag har avbrutit'],
  },
  {
    name: '"avbryt förfrågan" utan något pågående förstås inte',
    locale: 'sv-SE',
    lines: ['avbryt förfrågan'],
    last: ['Förlåt, jag förstod inte ”avbryt förfrågan”'],
  },
  {
    name: '"säg upp Visio" säger fortfarande upp prenumerationen',
    locale: 'sv-SE',
    lines: ['säg upp Visio'],
    last: ['säga upp Visio Plan 2?'],
  },
];

describe('"cancel" followed by words that are not a product', () => {
  for (const s of SCRIPTS) {
    it(s.name, async () => {
      const f = fixture();
      await buy(f, f.as('bob'), PRODUCT.visioPlan2, 5);
      const answers = await talk(f, s.locale, s.lines);
      const last = answers.at(-1) ?? '';
      for (const part of s.last) expect(last).to.include(part);
      for (const part of [...UNKNOWN_PRODUCT, ...(s.hides ?? [])]) {
        expect(last).not.to.include(part);
      }
    });
  }

  it('is read as "not understood, but stops a flow"; a product or no words at all is a cancellation', () => {
    expect(recognize('cancel request')).to.deep.equal({
      kind: 'unknown',
      text: 'cancel request',
      stopsFlow: true,
    });
    expect(recognize('cancel Visio')).to.deep.equal({
      kind: 'cancelSubscription',
      product: 'Visio',
    });
    expect(recognize('cancel visio plan 9')).to.deep.equal({
      kind: 'cancelSubscription',
      product: 'visio plan 9',
    });
    expect(recognize('säg upp')).to.deep.equal({ kind: 'cancelSubscription', product: undefined });
    expect(recognize('avbryt Visio Plan 2')).to.deep.equal({
      kind: 'cancelSubscription',
      product: 'Visio Plan 2',
    });
    expect(recognize('avbryt köpet')).to.deep.equal({
      kind: 'unknown',
      text: 'avbryt köpet',
      stopsFlow: true,
    });
    expect(recognize('blorp')).to.deep.equal({ kind: 'unknown', text: 'blorp' });
  });
});
