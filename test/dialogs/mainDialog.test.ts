// Dialog tests (botbuilder-testing): every flow from typed text, help and cancel mid-flow, in English and Swedish.

import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog.js';
import { asTeamsUser } from '../helpers/dialogUser.js';
import { expectOk, fixture, PRODUCT, type Fixture } from '../helpers/domainFixture.js';
import { cardText } from '../helpers/teamsUser.js';

function client(f: Fixture, name: string, locale: string, tenant?: string): DialogTestClient {
  const dialog = new MainDialog(f.domain, () => Promise.resolve(false));
  return new DialogTestClient('msteams', dialog, undefined, [
    asTeamsUser(f, name, locale, { tenant }),
  ]);
}

/** What a reply shows: its text, or the text of its card. */
function shown(reply: Partial<Activity> | undefined): string {
  if (!reply) return '';
  const card = reply.attachments?.[0]?.content as Record<string, unknown> | undefined;
  return [reply.text ?? '', card ? cardText(card) : ''].join('\n');
}

/** One conversation: the person's turns and a fragment each bot reply must contain. */
interface Script {
  readonly name: string;
  readonly person?: string;
  readonly tenant?: string;
  readonly setup?: (f: Fixture) => Promise<void>;
  readonly turns: readonly [
    say: string | Record<string, unknown>,
    expect: string | readonly string[],
  ][];
  /** Fragments no reply of the conversation may contain. */
  readonly absent?: readonly string[];
}

const ENGLISH: readonly Script[] = [
  { name: 'help', turns: [['help', 'What I can do']] },
  { name: 'hello', turns: [['hi', 'Hi Bob Brown']] },
  {
    name: 'a yes for an eligible product',
    turns: [['Can I buy Power BI Pro?', 'Yes, you can buy Power BI Pro']],
  },
  {
    name: 'an ambiguous name asks which one, then answers',
    turns: [
      ['can I buy power bi?', '"power bi" can mean more than one product'],
      ['Power BI Premium Per User', 'Yes, you can buy Power BI Premium Per User'],
    ],
  },
  {
    name: 'a candidate button answers the question',
    turns: [
      ['can I buy visio', 'can mean more than one product'],
      [{ productId: PRODUCT.visioPlan1 }, 'Yes, you can buy Visio Plan 1'],
    ],
  },
  {
    name: 'a guest is told no, with the reason',
    person: 'judy',
    turns: [['can I buy Visio Plan 2?', "Guest accounts can't buy Visio Plan 2 in Contoso"]],
  },
  {
    name: 'a disabled product offers a license request',
    setup: async (f) => {
      expectOk(
        await f.domain.policies.updateProductPolicy(
          f.as('carol'),
          f.as('bob').tenantId,
          PRODUCT.visioPlan2,
          'Disabled',
          'MSCommerce',
        ),
      );
    },
    turns: [
      [
        'can I buy visio plan 2',
        [
          "Your organization doesn't allow self-service purchase of Visio Plan 2. Contact your IT admin.",
          'Request a license',
        ],
      ],
    ],
  },
  {
    name: 'buy: product, quantity, checkout with unit price and total',
    turns: [
      ['buy power bi pro', 'How many licenses do you need?'],
      ['5', 'Total today: $70.00'],
    ],
  },
  {
    name: 'buy with the quantity in the sentence',
    turns: [['buy 3 visio plan 2', 'Total today: $45.00']],
  },
  {
    name: 'a quantity that is not one is asked again',
    turns: [
      ['buy power apps', 'How many licenses'],
      ['zero', 'whole number from 1 to 10,000'],
      ['2', 'Total today: $40.00'],
    ],
  },
  {
    name: 'help in the middle of a purchase, then carry on',
    turns: [
      ['buy power bi pro', 'How many licenses'],
      ['help', 'What I can do'],
      ['4', 'Total today: $56.00'],
    ],
  },
  {
    name: 'cancel in the middle of a purchase',
    turns: [
      ['buy power bi pro', 'How many licenses'],
      ['cancel', "OK, I've stopped. Nothing was bought or changed."],
      ['can I buy Visio Plan 1', 'Yes, you can buy Visio Plan 1'],
    ],
  },
  {
    name: 'cancel while choosing a product',
    turns: [
      ['can I buy', 'Which product?'],
      ['cancel', "OK, I've stopped"],
    ],
  },
  {
    name: 'an Indian usage location cannot buy',
    person: 'priya',
    turns: [
      [
        'buy power apps',
        "Power Apps per user can't be bought through self-service in your country or region (India)",
      ],
    ],
  },
  { name: 'a trial', turns: [['try project plan 1', 'Try Project Plan 1']] },
  {
    name: 'the product overview',
    turns: [['products', 'Products you can buy through self-service']],
  },
  {
    name: 'my purchases, none yet',
    turns: [['my purchases', "You haven't bought anything through self-service yet"]],
  },
  { name: 'invoices, none yet', turns: [['invoices', 'No invoices in this period']] },
  {
    name: 'a license request where purchases are off',
    setup: async (f) => {
      expectOk(
        await f.domain.policies.updateProductPolicy(
          f.as('carol'),
          f.as('bob').tenantId,
          PRODUCT.projectPlan3,
          'Disabled',
          'MSCommerce',
        ),
      );
    },
    turns: [['request a license for project plan 3', 'Request Project Plan 3 licenses']],
  },
  {
    name: 'a license request where purchases are on',
    turns: [['request license power bi pro', "isn't blocked"]],
  },
  { name: 'nonsense', turns: [['blorp', 'Sorry, I didn\'t understand "blorp"']] },
  {
    name: 'nonsense is echoed without Markdown',
    turns: [
      [
        '[Refund approved - click here](https://evil.example) **URGENT**',
        '"\\[Refund approved - click here\\]\\(https://evil.example\\) \\*\\*URGENT\\*\\*"',
      ],
    ],
    absent: ['[Refund approved - click here](https://evil.example)'],
  },
  {
    name: 'an admin says hello and hears what admins can do',
    person: 'carol',
    turns: [['hi', ['Hi Carol Clark', 'As an admin']]],
  },
  { name: 'a buyer says hello', turns: [['hello', 'Hi Bob Brown']], absent: ['As an admin'] },
  {
    name: 'a quantity of 0 in the sentence is refused and asked again',
    turns: [
      [
        'buy 0 visio plan 1',
        [
          'The number of licenses must be a whole number from 1 to 10,000.',
          'How many licenses do you need?',
        ],
      ],
      ['3', 'Total today: $15.00'],
    ],
    absent: ['Yes, you can buy'],
  },
  {
    name: 'a quantity of 50000 in the sentence is refused and asked again',
    turns: [
      [
        'buy 50000 visio plan 1',
        [
          'The number of licenses must be a whole number from 1 to 10,000.',
          'How many licenses do you need?',
        ],
      ],
      ['50000', 'whole number from 1 to 10,000'],
      ['2', 'Total today: $10.00'],
    ],
    absent: ['Yes, you can buy', 'Total today: $5.00'],
  },
  { name: 'nothing to cancel', turns: [['cancel', "There's nothing in progress to cancel."]] },
];

const SWEDISH: readonly Script[] = [
  { name: 'hjälp', turns: [['hjälp', 'Det här kan jag hjälpa till med']] },
  { name: 'ett ja', turns: [['Kan jag köpa Power BI Pro?', 'Ja, du kan köpa Power BI Pro']] },
  {
    name: 'en gäst får nej',
    person: 'judy',
    turns: [
      [
        'kan jag köpa visio plan 2',
        'Gästkonton kan inte köpa Visio Plan 2 i Contoso. Kontakta din IT-administratör.',
      ],
    ],
  },
  {
    name: 'köp: produkt, antal, kassa',
    turns: [
      ['köp power bi pro', 'Hur många licenser behöver du?'],
      ['5', 'Att betala i dag: 70,00'],
    ],
  },
  {
    name: 'avbryt mitt i ett köp',
    turns: [
      ['jag vill köpa visio plan 2', 'Hur många licenser'],
      ['avbryt', 'Okej, jag har avbrutit'],
    ],
  },
  {
    name: 'hjälp mitt i ett köp',
    turns: [
      ['köp visio plan 1', 'Hur många licenser'],
      ['hjälp', 'Det här kan jag hjälpa till med'],
      ['2 licenser', 'Att betala i dag: 10,00'],
    ],
  },
  {
    name: 'Brasilien kan inte köpa Project',
    person: 'joao',
    tenant: 'Northwind Traders Brasil',
    turns: [
      [
        'kan jag köpa project plan 1?',
        'Project Plan 1 går inte att köpa själv i ditt land eller din region (Brasilien)',
      ],
    ],
  },
  { name: 'provperiod', turns: [['prova project plan 1', 'Prova Project Plan 1']] },
  { name: 'produkter', turns: [['produkter', 'Produkter som du kan köpa själv']] },
  { name: 'mina köp', turns: [['mina köp', 'Du har inte köpt något själv ännu']] },
  { name: 'fakturor', turns: [['fakturor', 'Inga fakturor under den här perioden']] },
  { name: 'obegripligt', turns: [['blorp', 'Förlåt, jag förstod inte ”blorp”']] },
  {
    name: 'en administratör säger hej',
    person: 'carol',
    turns: [['hej', ['Hej Carol Clark', 'Som administratör']]],
  },
  {
    name: 'antalet 0 i meningen avvisas och efterfrågas igen',
    turns: [
      [
        'köp 0 visio plan 1',
        [
          'Antalet licenser måste vara ett heltal från 1 till 10\u00a0000.',
          'Hur många licenser behöver du?',
        ],
      ],
      ['2', 'Att betala i dag: 10,00'],
    ],
    absent: ['Ja, du kan köpa'],
  },
  {
    name: 'antalet 50000 i meningen avvisas och efterfrågas igen',
    turns: [
      [
        'köp 50000 visio plan 1',
        [
          'Antalet licenser måste vara ett heltal från 1 till 10\u00a0000.',
          'Hur många licenser behöver du?',
        ],
      ],
      ['fem', 'Att betala i dag: 25,00'],
    ],
    absent: ['Ja, du kan köpa'],
  },
];

for (const [language, locale, scripts] of [
  ['English', 'en-US', ENGLISH],
  ['Swedish', 'sv-SE', SWEDISH],
] as const) {
  describe(`main dialog in ${language}`, () => {
    for (const script of scripts) {
      it(script.name, async () => {
        const f = fixture();
        await script.setup?.(f);
        const c = client(f, script.person ?? 'bob', locale, script.tenant);
        const everything: string[] = [];
        for (const [say, fragment] of script.turns) {
          const reply: unknown =
            typeof say === 'string'
              ? await c.sendActivity(say)
              : await c.sendActivity({ type: 'message', value: say });
          const replies = [reply as Partial<Activity>];
          for (let next = c.getNextReply(); next; next = c.getNextReply()) replies.push(next);
          const text = replies.map(shown).join('\n---\n');
          everything.push(text);
          for (const part of typeof fragment === 'string' ? [fragment] : fragment) {
            expect(text, `after "${JSON.stringify(say)}"`).to.include(part);
          }
        }
        for (const part of script.absent ?? []) expect(everything.join('\n')).not.to.include(part);
      });
    }
  });
}
