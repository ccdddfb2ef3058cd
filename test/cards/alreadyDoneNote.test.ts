// A repeated click is told what was already done, in words that fit the operation, in both languages.

import { expect } from 'chai';
import { Localizer } from '../../locales/localizer.js';
import { outcomeNote } from '../../bot/cardActions/outcomeNote.js';
import type { ChangeOutcome } from '../../services/subscriptions/changeRunner.js';
import type { Facts } from '../../services/result.js';

function again(type: ChangeOutcome['type'], facts: Facts = {}, orderId = '1006'): ChangeOutcome {
  return { opId: 'op', type, orderId, amountCents: 1400, facts, alreadyDone: true };
}

describe('the "already done" sentence fits the operation', () => {
  const cases: { name: string; outcome: ChangeOutcome; en: string; sv: string }[] = [
    {
      name: 'a cancellation within the window',
      outcome: again('Cancel', { status: 'Disabled' }),
      en: 'Already done: the subscription was cancelled in order 1006. Nothing more was changed.',
      sv: 'Redan gjort: prenumerationen sades upp i beställning 1006. Ingenting mer har ändrats.',
    },
    {
      name: 'a cancellation after the window (billing off)',
      outcome: again('Cancel', { status: 'Active' }),
      en: 'Already done: recurring billing was turned off in order 1006. Nothing more was changed.',
      sv: 'Redan gjort: den automatiska förnyelsen stängdes av i beställning 1006. Ingenting mer har ändrats.',
    },
    {
      name: 'a take-over',
      outcome: again('TakeOver', { action: 'cancel' }),
      en: 'Already done: the subscription was taken over in order 1006. Nothing more was changed.',
      sv: 'Redan gjort: prenumerationen togs över i beställning 1006. Ingenting mer har ändrats.',
    },
    {
      name: 'licenses added',
      outcome: again('AddLicenses', { delta: 2 }),
      en: 'Already done: the licenses were added in order 1006. Nothing more was charged.',
      sv: 'Redan gjort: licenserna lades till i beställning 1006. Ingenting mer har debiterats.',
    },
    {
      name: 'licenses removed',
      outcome: again('RemoveLicenses', { delta: -1, effective: 'now' }),
      en: 'Already done: the licenses were removed in order 1006. Nothing more was changed.',
      sv: 'Redan gjort: licenserna togs bort i beställning 1006. Ingenting mer har ändrats.',
    },
    {
      name: 'a purchase',
      outcome: again('New'),
      en: 'Already done: this is order 1006. Nothing more was charged.',
      sv: 'Redan gjort: det här är beställning 1006. Ingenting mer har debiterats.',
    },
    {
      name: 'an assignment (no order)',
      outcome: { ...again('Assign', { users: ['Alice'] }), orderId: undefined },
      en: 'Already done: nothing more was changed.',
      sv: 'Redan gjort – ingenting mer har ändrats.',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(outcomeNote(new Localizer('en-US'), c.outcome)).to.equal(c.en);
      expect(outcomeNote(new Localizer('sv-SE'), c.outcome)).to.equal(c.sv);
    });
  }
});
