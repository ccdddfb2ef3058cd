// Dialog tests: typed requests about the buyer's own subscriptions (cancel, assign, buy more, remove, pay, change
// card) and "can I buy 5 X?", in English and Swedish, each answered with the screen its card button opens.

import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog.js';
import { recognize } from '../../dialogs/intents.js';
import { asTeamsUser } from '../helpers/dialogUser.js';
import { buy, fixture, PRODUCT, type Fixture } from '../helpers/domainFixture.js';
import { cardText } from '../helpers/teamsUser.js';

type Conversation = 'personal' | 'groupChat' | 'channel';

/** Bob's purchases before the conversation. */
type Owned = 'none' | 'visio2' | 'visio2+pbi' | 'two visio2' | 'visio1+visio2';

async function setUp(f: Fixture, owned: Owned): Promise<void> {
  const bob = f.as('bob');
  if (owned === 'none') return;
  await buy(f, bob, PRODUCT.visioPlan2, 5);
  if (owned === 'visio2+pbi') await buy(f, bob, PRODUCT.powerBiPro, 5);
  if (owned === 'two visio2') await buy(f, bob, PRODUCT.visioPlan2, 2);
  if (owned === 'visio1+visio2') await buy(f, bob, PRODUCT.visioPlan1, 2);
}

/** One typed request and what its answer must (and must not) show. */
interface Case {
  readonly say: string;
  readonly owned: Owned;
  readonly shows: readonly string[];
  readonly hides?: readonly string[];
  /** The value the quantity form is filled in with. */
  readonly quantity?: number;
  readonly conversation?: Conversation;
}

const NOT_UNDERSTOOD = ["didn't understand", 'förstod inte'];

const ENGLISH: readonly Case[] = [
  {
    say: 'cancel my Visio subscription',
    owned: 'visio2+pbi',
    shows: [
      'Cancel Visio Plan 2?',
      "You're within 7 days",
      'credited to your card',
      'Yes, cancel it',
    ],
  },
  {
    say: 'cancel my Visio subscription',
    owned: 'two visio2',
    shows: [
      'Which subscription do you want to cancel?',
      'Visio Plan 2 – 1 of 5 assigned, bought',
      'Visio Plan 2 – 0 of 2 assigned, bought',
    ],
    hides: ['Yes, cancel it'],
  },
  {
    say: 'cancel my Visio subscription',
    owned: 'none',
    shows: ["You don't have an active Visio subscription that you bought yourself"],
  },
  {
    say: 'cancel my subscription',
    owned: 'none',
    shows: ["You don't have an active subscription that you bought yourself"],
  },
  {
    say: 'change the card for my **urgent** thing',
    owned: 'visio2',
    shows: ['I don\'t know a product called "\\*\\*urgent\\*\\* thing"'],
  },
  {
    say: 'assign a license to alice@contoso.com',
    owned: 'visio2',
    shows: ['Done: Alice Anderson now has a license', 'Visio Plan 2', '2 of 5 assigned'],
  },
  {
    say: 'assign a license of Power BI Pro to alice@contoso.com and Heidi Hall',
    owned: 'visio2+pbi',
    shows: ['Done: Alice Anderson and Heidi Hall now have a license', 'Power BI Pro'],
  },
  {
    say: 'assign a license to alice@contoso.com',
    owned: 'visio1+visio2',
    shows: [
      'Which subscription should alice@contoso.com get a license from?',
      'Visio Plan 1 – 1 of 2 assigned',
      'Visio Plan 2 – 1 of 5 assigned',
    ],
    hides: ['Done'],
  },
  {
    say: 'assign a license to judy@humongous.org',
    owned: 'visio2',
    shows: ['is a guest in your organization', 'Back'],
  },
  {
    say: 'remove 2 Power BI Pro licenses',
    owned: 'visio2+pbi',
    shows: ['Change the number of Power BI Pro licenses'],
    quantity: 3,
  },
  {
    say: 'remove 5 Power BI Pro licenses',
    owned: 'visio2+pbi',
    shows: ["can't go below 1", 'you can remove at most 4', 'Change the number of Power BI Pro'],
    quantity: 5,
  },
  {
    say: 'buy more Visio',
    owned: 'visio2',
    shows: ['Change the number of Visio Plan 2 licenses', 'Adding licenses is charged at once'],
    quantity: 5,
  },
  {
    say: 'buy 2 more Visio Plan 2',
    owned: 'visio2',
    shows: ['Change the number of Visio Plan 2 licenses'],
    quantity: 7,
  },
  {
    say: 'buy more licenses',
    owned: 'visio2+pbi',
    shows: [
      'Which subscription do you want to change the number of licenses for?',
      'Visio Plan 2 – 1 of 5',
      'Power BI Pro – 1 of 5',
    ],
    hides: ['more licenses'],
  },
  { say: 'pay invoice', owned: 'visio2', shows: ['Your invoices, past 3 months'] },
  { say: 'pay my invoices', owned: 'none', shows: ['No invoices in this period'] },
  { say: 'change card', owned: 'visio2', shows: ['Change the card for Visio Plan 2'] },
  {
    say: 'update payment method',
    owned: 'visio2+pbi',
    shows: ['Which subscription do you want to change the card for?', 'Power BI Pro – 1 of 5'],
  },
  {
    say: 'Can I buy 5 Visio Plan 2?',
    owned: 'none',
    shows: ['Yes, you can buy Visio Plan 2'],
    hides: ['5 Visio Plan 2'],
  },
  {
    say: 'can I buy 20000 Visio Plan 2?',
    owned: 'none',
    shows: ['The number of licenses must be a whole number from 1 to'],
    hides: ['Yes, you can buy'],
  },
  {
    say: 'cancel Visio Plan 2',
    owned: 'visio2',
    conversation: 'groupChat',
    shows: ["let's continue in our one-to-one chat"],
    hides: ['Cancel Visio Plan 2?'],
  },
  {
    say: 'assign a license to alice@contoso.com',
    owned: 'visio2',
    conversation: 'channel',
    shows: ["let's continue in our one-to-one chat"],
    hides: ['Done'],
  },
];

const SWEDISH: readonly Case[] = [
  {
    say: 'säg upp Visio',
    owned: 'visio2+pbi',
    shows: ['säga upp Visio Plan 2?', 'mindre än 7 dagar', 'krediteras ditt kort'],
  },
  {
    say: 'säg upp min Visio-prenumeration',
    owned: 'two visio2',
    shows: [
      'Vilken prenumeration vill du säga upp?',
      'Visio Plan 2 – 1 av 5 tilldelade, köpt',
      'Visio Plan 2 – 0 av 2 tilldelade, köpt',
    ],
  },
  {
    say: 'säg upp Visio',
    owned: 'none',
    shows: ['Du har ingen aktiv prenumeration på Visio som du har köpt själv'],
  },
  {
    say: 'tilldela en licens till alice@contoso.com',
    owned: 'visio2',
    shows: ['Klart: Alice Anderson har nu en licens', '2 av 5 tilldelade'],
  },
  {
    say: 'tilldela en licens för Power BI Pro till alice@contoso.com och Heidi Hall',
    owned: 'visio2+pbi',
    shows: ['Klart: Alice Anderson och Heidi Hall har nu en licens'],
  },
  {
    say: 'tilldela en licens till alice@contoso.com',
    owned: 'visio1+visio2',
    shows: ['Från vilken prenumeration ska alice@contoso.com få en licens?'],
  },
  {
    say: 'ta bort 2 Power BI Pro-licenser',
    owned: 'visio2+pbi',
    shows: ['Ändra antalet licenser för Power BI Pro'],
    quantity: 3,
  },
  {
    say: 'ta bort två licenser av Power BI Pro',
    owned: 'visio2+pbi',
    shows: ['Ändra antalet licenser för Power BI Pro'],
    quantity: 3,
  },
  {
    say: 'köp fler Visio',
    owned: 'visio2',
    shows: ['Ändra antalet licenser för Visio Plan 2'],
    quantity: 5,
  },
  {
    say: 'köp 2 fler Visio Plan 2',
    owned: 'visio2',
    shows: ['Ändra antalet licenser för Visio Plan 2'],
    quantity: 7,
  },
  {
    say: 'köp fler licenser',
    owned: 'visio2+pbi',
    shows: ['För vilken prenumeration vill du ändra antalet licenser?'],
  },
  { say: 'betala faktura', owned: 'visio2', shows: ['Dina fakturor, de senaste 3 månaderna'] },
  { say: 'byt kort', owned: 'visio2', shows: ['Byt kort för Visio Plan 2'] },
  {
    say: 'byt kort',
    owned: 'visio2+pbi',
    shows: ['För vilken prenumeration vill du byta kort?'],
  },
  {
    say: 'kan jag köpa 5 Visio Plan 2?',
    owned: 'none',
    shows: ['Ja, du kan köpa Visio Plan 2'],
  },
  {
    say: 'säg upp',
    owned: 'none',
    shows: ['Du har ingen aktiv prenumeration som du har köpt själv'],
  },
  {
    say: 'säg upp Visio Plan 2',
    owned: 'visio2',
    conversation: 'groupChat',
    shows: ['Köp och fakturor är privata'],
    hides: ['säga upp Visio Plan 2?'],
  },
];

/** What a reply shows: its text, or the text of its card. */
function shown(reply: Partial<Activity>): string {
  const cards = (reply.attachments ?? []).map((a) =>
    cardText(a.content as Record<string, unknown>),
  );
  return [reply.text ?? '', ...cards].join('\n');
}

/** The value the quantity form's number input is filled in with, if a reply has that form. */
function quantityValue(replies: readonly Partial<Activity>[]): unknown {
  let value: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Input.Number' && o.id === 'quantity') value = o.value;
      Object.values(o).forEach(walk);
    }
  };
  replies.forEach((r) => walk(r.attachments));
  return value;
}

for (const [language, locale, cases] of [
  ['English', 'en-US', ENGLISH],
  ['Swedish', 'sv-SE', SWEDISH],
] as const) {
  describe(`typed requests about my subscriptions, in ${language}`, () => {
    for (const c of cases) {
      const where = c.conversation ? ` in a ${c.conversation}` : '';
      it(`"${c.say}" with ${c.owned}${where}`, async () => {
        const f = fixture();
        await setUp(f, c.owned);
        const dialog = new MainDialog(f.domain, () => Promise.resolve(false));
        const client = new DialogTestClient('msteams', dialog, undefined, [
          asTeamsUser(f, 'bob', locale, { conversationType: c.conversation ?? 'personal' }),
        ]);
        const replies = [(await client.sendActivity(c.say)) as Partial<Activity>];
        for (let next = client.getNextReply(); next; next = client.getNextReply()) {
          replies.push(next);
        }
        const text = replies.map(shown).join('\n---\n');
        for (const part of c.shows) expect(text).to.include(part);
        for (const part of [...NOT_UNDERSTOOD, ...(c.hides ?? [])]) {
          expect(text).not.to.include(part);
        }
        if (c.quantity !== undefined) expect(quantityValue(replies)).to.equal(c.quantity);
      });
    }
  });
}

describe('reading typed requests about subscriptions', () => {
  const table: readonly [string, ReturnType<typeof recognize>][] = [
    ['cancel my Visio subscription', { kind: 'cancelSubscription', product: 'Visio' }],
    ['säg upp min Visio-prenumeration', { kind: 'cancelSubscription', product: 'Visio' }],
    ['cancel it', { kind: 'cancel' }],
    ['avbryt', { kind: 'cancel' }],
    [
      'assign a license of Visio Plan 2 to alice@contoso.com and Heidi Hall',
      { kind: 'assignLicense', product: 'Visio Plan 2', people: 'alice@contoso.com, Heidi Hall' },
    ],
    [
      'tilldela en licens till alice@contoso.com',
      { kind: 'assignLicense', product: undefined, people: 'alice@contoso.com' },
    ],
    [
      'remove 2 Power BI Pro licenses',
      { kind: 'changeQuantity', change: 'fewer', quantity: 2, product: 'Power BI Pro' },
    ],
    [
      'ta bort 2 licenser av Power BI Pro',
      { kind: 'changeQuantity', change: 'fewer', quantity: 2, product: 'Power BI Pro' },
    ],
    [
      'buy more licenses',
      { kind: 'changeQuantity', change: 'more', quantity: undefined, product: undefined },
    ],
    [
      'köp 2 fler licenser av Visio',
      { kind: 'changeQuantity', change: 'more', quantity: 2, product: 'Visio' },
    ],
    [
      'add 3 licenses to Power BI Pro',
      { kind: 'changeQuantity', change: 'more', quantity: 3, product: 'Power BI Pro' },
    ],
    ['pay invoice', { kind: 'invoices' }],
    ['betala fakturan', { kind: 'invoices' }],
    ['change card', { kind: 'changeCard', product: undefined }],
    ['byt kort för Visio', { kind: 'changeCard', product: 'Visio' }],
    ['uppdatera betalningsmetod', { kind: 'changeCard', product: undefined }],
    ['Can I buy 5 Visio Plan 2?', { kind: 'eligibility', quantity: 5, product: 'Visio Plan 2' }],
    ['buy 3 visio plan 2', { kind: 'buy', quantity: 3, product: 'visio plan 2' }],
  ];
  for (const [text, intent] of table) {
    it(`"${text}"`, () => {
      expect(recognize(text)).to.deep.equal(intent);
    });
  }
});
