// Dialog tests: a command typed while the bot waits for an answer ends the question and is answered as that command;
// a bare answer (a number, a product) still answers it. And every typed change of licenses the quantity form cannot
// take comes with the reason. In English and Swedish.

import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog.js';
import { asTeamsUser } from '../helpers/dialogUser.js';
import { buy, fixture, PRODUCT } from '../helpers/domainFixture.js';
import { cardText } from '../helpers/teamsUser.js';

function shown(reply: Partial<Activity> | undefined): string {
  if (!reply) return '';
  const card = reply.attachments?.[0]?.content as Record<string, unknown> | undefined;
  return [reply.text ?? '', card ? cardText(card) : ''].join('\n');
}

interface Script {
  readonly name: string;
  readonly person?: string;
  /** Bob owns 2 Power BI Pro licenses (one assigned, to himself) before the conversation. */
  readonly owns?: boolean;
  readonly locale?: string;
  readonly turns: readonly [say: string, shows: readonly string[], hides?: readonly string[]][];
}

const RETRY_EN = 'Please give a whole number';
const RETRY_SV = 'Ange ett heltal';
const INVALID_EN = 'The number of licenses must be a whole number from 1 to 10,000.';
const INVALID_SV = 'Antalet licenser måste vara ett heltal från 1 till 10\u00a0000.';

const ENGLISH: readonly Script[] = [
  {
    name: '"pay invoice" at the quantity prompt shows the invoices',
    turns: [
      ['buy 0 visio plan 2', [INVALID_EN, 'How many licenses']],
      ['pay invoice', ['Your invoices, past 3 months'], [RETRY_EN]],
      ['3', ['Sorry, I didn\'t understand "3"'], ['Total today']],
    ],
  },
  {
    name: '"invoices" at the quantity prompt shows the invoices',
    turns: [
      ['buy visio plan 2', ['How many licenses']],
      ['invoices', ['Your invoices, past 3 months'], [RETRY_EN]],
    ],
  },
  {
    name: '"change card" at the quantity prompt asks which subscription',
    owns: true,
    turns: [
      ['buy 0 visio plan 2', [INVALID_EN]],
      ['change card', ['Change the card for Power BI Pro'], [RETRY_EN]],
    ],
  },
  {
    name: '"remove 1 Power BI Pro license" at the product prompt opens the quantity form',
    owns: true,
    turns: [
      ['buy', ['Which product?']],
      [
        'remove 1 Power BI Pro license',
        ['Change the number of Power BI Pro licenses'],
        ['know a product'],
      ],
    ],
  },
  {
    name: '"buy Visio Plan 2" in a trial\'s product prompt starts that purchase',
    turns: [
      ['try', ['Which product?']],
      ['buy 2 visio plan 2', ['Total today: $30.00']],
    ],
  },
  {
    name: '"my purchases" while choosing among candidates',
    turns: [
      ['can I buy visio', ['can mean more than one product']],
      [
        'my purchases',
        ["You haven't bought anything through self-service yet"],
        ['know a product'],
      ],
    ],
  },
  {
    name: 'a number still answers the quantity prompt, and a product the product prompt',
    turns: [
      ['buy', ['Which product?']],
      ['visio plan 2', ['How many licenses']],
      ['4', ['Total today: $60.00']],
    ],
  },
  {
    name: 'help and cancel keep working as before',
    turns: [
      ['buy power bi pro', ['How many licenses']],
      ['help', ['What I can do']],
      ['2', ['Total today: $28.00']],
      ['buy power bi pro', ['How many licenses']],
      ['cancel', ["OK, I've stopped"]],
    ],
  },
];

const SWEDISH: readonly Script[] = [
  {
    name: '"betala faktura" vid frågan om antal visar fakturorna',
    turns: [
      ['köp 0 visio plan 2', [INVALID_SV, 'Hur många licenser']],
      ['betala faktura', ['Dina fakturor, de senaste 3 månaderna'], [RETRY_SV]],
    ],
  },
  {
    name: '"byt kort" vid frågan om antal',
    owns: true,
    turns: [
      ['köp visio plan 2', ['Hur många licenser']],
      ['byt kort', ['Byt kort för Power BI Pro'], [RETRY_SV]],
    ],
  },
  {
    name: '"ta bort 1 Power BI Pro-licens" vid frågan om produkt',
    owns: true,
    turns: [
      ['köp', ['Vilken produkt?']],
      ['ta bort 1 licens av Power BI Pro', ['Ändra antalet licenser för Power BI Pro']],
    ],
  },
  {
    name: 'ett antal svarar fortfarande på frågan',
    turns: [
      ['köp visio plan 2', ['Hur många licenser']],
      ['fem', ['Att betala i dag: 75,00']],
    ],
  },
];

/** Typed changes of licenses the quantity form cannot take (Bob has 2 Power BI Pro licenses, 1 assigned). */
const EXPLAINED: readonly Script[] = [
  {
    name: '"buy 9999 more" would make 10,001',
    owns: true,
    turns: [
      [
        'buy 9999 more Power BI Pro',
        [
          'You have 2 Power BI Pro licenses, and a subscription can have at most 10,000, so you can add at most 9,998.',
          'Change the number of Power BI Pro licenses',
        ],
      ],
    ],
  },
  {
    name: '"buy 1000000 more" is no number of licenses',
    owns: true,
    turns: [['buy 1000000 more Power BI Pro', [INVALID_EN, 'Change the number of Power BI Pro']]],
  },
  {
    name: '"remove 0" is no number of licenses',
    owns: true,
    turns: [['remove 0 Power BI Pro licenses', [INVALID_EN, 'Change the number of Power BI Pro']]],
  },
  {
    name: '"remove 1000000" is no number of licenses',
    owns: true,
    turns: [['remove 1000000 Power BI Pro', [INVALID_EN, 'Change the number of Power BI Pro']]],
  },
  {
    name: '"remove 2" of 2 with one assigned',
    owns: true,
    turns: [['remove 2 Power BI Pro', ['so you can remove at most 1', 'Change the number']]],
  },
  {
    name: '"buy 1000000 Power BI Pro" is refused and asked again',
    turns: [['buy 1000000 Power BI Pro', [INVALID_EN, 'How many licenses']]],
  },
  {
    name: '"köp 9999 fler" skulle bli 10 001',
    owns: true,
    locale: 'sv-SE',
    turns: [
      [
        'köp 9999 fler Power BI Pro',
        [
          'Du har 2 licenser för Power BI Pro, och en prenumeration kan ha högst 10\u00a0000, så du kan lägga till högst 9\u00a0998.',
          'Ändra antalet licenser för Power BI Pro',
        ],
      ],
    ],
  },
  {
    name: '"köp 1000000 fler" är inget antal licenser',
    owns: true,
    locale: 'sv-SE',
    turns: [['köp 1000000 fler Power BI Pro', [INVALID_SV, 'Ändra antalet licenser']]],
  },
  {
    name: '"ta bort 0" är inget antal licenser',
    owns: true,
    locale: 'sv-SE',
    turns: [['ta bort 0 licenser av Power BI Pro', [INVALID_SV, 'Ändra antalet licenser']]],
  },
];

for (const [title, locale, scripts] of [
  ['a command typed at a prompt, in English', 'en-US', ENGLISH],
  ['a command typed at a prompt, in Swedish', 'sv-SE', SWEDISH],
  ['a typed change of licenses the form cannot take', 'en-US', EXPLAINED],
] as const) {
  describe(title, () => {
    for (const script of scripts) {
      it(script.name, async () => {
        const f = fixture();
        if (script.owns) await buy(f, f.as('bob'), PRODUCT.powerBiPro, 2);
        const dialog = new MainDialog(f.domain, () => Promise.resolve(false));
        const language = script.locale ?? locale;
        const c = new DialogTestClient('msteams', dialog, undefined, [
          asTeamsUser(f, script.person ?? 'bob', language),
        ]);
        for (const [say, shows, hides] of script.turns) {
          const replies = [(await c.sendActivity(say)) as Partial<Activity>];
          for (let next = c.getNextReply(); next; next = c.getNextReply()) replies.push(next);
          const text = replies.map(shown).join('\n---\n');
          for (const part of shows) expect(text, `after "${say}"`).to.include(part);
          for (const part of hides ?? []) expect(text, `after "${say}"`).not.to.include(part);
        }
      });
    }
  });
}
