// Numbers in refusal sentences are written the way the person's language writes them ("10,000" / "10 000"), while
// ids that happen to be numbers (invoices, orders) are left as they are.

import { expect } from 'chai';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { Localizer } from '../../locales/localizer.js';
import type { Refusal } from '../../services/result.js';

/** Swedish groups thousands with a no-break space. */
const SV_10000 = '10\u00a0000';

const CASES: readonly { name: string; refusal: Refusal; en: string; sv: string }[] = [
  {
    name: 'the quantity limits',
    refusal: { code: 'INVALID_QUANTITY', facts: { quantity: '20000', min: 1, max: 10000 } },
    en: 'whole number from 1 to 10,000.',
    sv: `heltal från 1 till ${SV_10000}.`,
  },
  {
    name: 'licenses needed and free',
    refusal: {
      code: 'INSUFFICIENT_LICENSES',
      facts: { free: 1500, requested: 2500, productName: 'Visio Plan 2' },
    },
    en: 'You need 2,500 licenses, but this subscription has only 1,500 free.',
    sv: 'Det behövs 2\u00a0500 licenser, men antalet lediga licenser är bara 1\u00a0500.',
  },
  {
    name: 'licenses assigned',
    refusal: {
      code: 'LICENSES_ASSIGNED',
      facts: { assigned: 1200, requested: 1000, productName: 'Visio Plan 2' },
    },
    en: "1,200 licenses are assigned, so you can't go down to 1,000.",
    sv: '1\u00a0200',
  },
  {
    name: 'the licenses already held',
    refusal: { code: 'QUANTITY_UNCHANGED', facts: { quantity: 10000 } },
    en: 'You already have 10,000 licenses.',
    sv: SV_10000,
  },
  {
    name: 'an invoice id that is a number is not grouped',
    refusal: { code: 'INVOICE_ALREADY_PAID', facts: { invoiceId: 100042 } },
    en: 'Invoice 100042 is already paid.',
    sv: '100042',
  },
];

describe('numbers in refusal sentences', () => {
  for (const c of CASES) {
    for (const [language, locale] of [
      ['en', 'en-US'],
      ['sv', 'sv-SE'],
    ] as const) {
      it(`${c.name}, in ${language === 'en' ? 'English' : 'Swedish'}`, () => {
        expect(refusalMessage(new Localizer(locale), c.refusal)).to.include(c[language]);
      });
    }
  }
});
