// Every count-bearing sentence says "1 license" / "1 licens" for one and "3 licenses" / "3 licenser" for three, in
// both languages, through the code that really renders it (so a caller that forgets the count fails here too).

import { expect } from 'chai';
import en from '../../locales/en.json' with { type: 'json' };
import { Localizer } from '../../locales/localizer.js';
import { outcomeNote } from '../../bot/cardActions/outcomeNote.js';
import { eventParams, notificationCard } from '../../cards/notificationCards.js';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { checkoutCard } from '../../cards/purchaseCards.js';
import { productById } from '../../services/catalog/catalog.js';
import type { ChangeOutcome } from '../../services/subscriptions/changeRunner.js';
import type { NotificationKind } from '../../services/notifications/events.js';
import type { Facts } from '../../services/result.js';
import { PRODUCT } from '../helpers/domainFixture.js';
import { cardText } from '../helpers/teamsUser.js';

type Lang = 'en' | 'sv';
const LOCALE: Record<Lang, string> = { en: 'en-US', sv: 'sv-SE' };
/** The noun as it must follow the number, per language and count. */
const LICENSE: Record<Lang, Record<1 | 3, RegExp>> = {
  en: { 1: /\b1 (\S+ )*?license\b(?!s)/, 3: /\b3 (\S+ )*?licenses\b/ },
  sv: { 1: /\b1 licens\b(?!e)/, 3: /\b3 licenser\b/ },
};

function outcome(type: ChangeOutcome['type'], facts: Facts): ChangeOutcome {
  return { opId: 'op', type, orderId: 'O-1001', amountCents: 1400, facts, alreadyDone: false };
}

function notification(t: Localizer, kind: NotificationKind, facts: Facts): string {
  return cardText(
    notificationCard(t, {
      id: 'e',
      kind,
      tenantId: 't',
      recipientUserId: 'u',
      createdAt: '2026-03-02T09:00:00Z',
      subjectId: 'S-1',
      facts: { productName: 'Visio Plan 1', orderId: 'O-1001', amountCents: 1400, ...facts },
    }).content as Record<string, unknown>,
  );
}

const people = (n: number): string[] => ['Alice', 'Bob', 'Carol'].slice(0, n);

/** Each count-bearing sentence, rendered the way the bot renders it, for n = 1 and n = 3. */
const SENTENCES: { name: string; render: (t: Localizer, n: 1 | 3) => string }[] = [
  {
    name: 'outcome.added',
    render: (t, n) => outcomeNote(t, outcome('AddLicenses', { delta: n })),
  },
  {
    name: 'outcome.removedNow',
    render: (t, n) => outcomeNote(t, outcome('RemoveLicenses', { delta: -n, effective: 'now' })),
  },
  {
    name: 'outcome.removedLater',
    render: (t, n) =>
      outcomeNote(
        t,
        outcome('RemoveLicenses', {
          delta: -n,
          effective: 'renewal',
          effectiveAt: '2026-04-02T09:00:00Z',
        }),
      ),
  },
  {
    name: 'notify.licensesAdded',
    render: (t, n) => notification(t, 'BuyerLicensesChanged', { delta: n, quantity: 7 }),
  },
  {
    name: 'notify.licensesRemoved',
    render: (t, n) =>
      notification(t, 'BuyerLicensesChanged', { delta: -n, quantity: 7, effective: 'now' }),
  },
  {
    name: 'notify.licensesRemovedLater',
    render: (t, n) =>
      notification(t, 'BuyerLicensesChanged', { delta: -n, quantity: 7, effective: 'renewal' }),
  },
  {
    name: 'notify.BuyerPurchaseConfirmed',
    render: (t, n) => notification(t, 'BuyerPurchaseConfirmed', { quantity: n }),
  },
  {
    name: 'notify.BuyerRenewed',
    render: (t, n) => notification(t, 'BuyerRenewed', { quantity: n }),
  },
  {
    // Its card shows facts rather than this sentence; the sentence must still be right.
    name: 'notify.AdminPurchaseCreated',
    render: (t, n) =>
      t.t(
        'notify.AdminPurchaseCreated',
        eventParams(t, {
          id: 'e',
          kind: 'AdminPurchaseCreated',
          tenantId: 't',
          recipientUserId: 'u',
          createdAt: '2026-03-02T09:00:00Z',
          subjectId: 'S-1',
          facts: {
            productName: 'Visio Plan 1',
            purchaserName: 'Bob',
            quantity: n,
            at: '2026-03-02T09:00:00Z',
          },
        }),
      ),
  },
  {
    name: 'refusal.QUANTITY_UNCHANGED',
    render: (t, n) => refusalMessage(t, { code: 'QUANTITY_UNCHANGED', facts: { quantity: n } }),
  },
  {
    name: 'refusal.INSUFFICIENT_LICENSES',
    render: (t, n) =>
      refusalMessage(t, {
        code: 'INSUFFICIENT_LICENSES',
        facts: { requested: n, free: n - 1, productName: 'Visio Plan 1' },
      }),
  },
];

describe('plurals: count-bearing sentences, with 1 and with 3, in both languages', () => {
  for (const s of SENTENCES) {
    for (const lang of ['en', 'sv'] as const) {
      for (const n of [1, 3] as const) {
        it(`${s.name} (${lang}, ${n})`, () => {
          const text = s.render(new Localizer(LOCALE[lang]), n);
          expect(text).to.match(LICENSE[lang][n]);
          expect(text).not.to.match(/\{\w+\}/);
        });
      }
    }
  }

  const userSentences: {
    name: string;
    render: (t: Localizer, n: 1 | 3) => string;
    en: Record<1 | 3, string>;
    sv: Record<1 | 3, string>;
  }[] = [
    {
      name: 'takeover.text',
      render: (t, n) => t.t('takeover.text', { count: n }),
      en: { 1: '1 user has a license from it.', 3: '3 users have licenses from it.' },
      sv: { 1: '1 användare har en licens från den.', 3: '3 användare har licenser från den.' },
    },
    {
      name: 'takeover.movedDone',
      render: (t, n) => t.t('takeover.movedDone', { count: n, target: 'E3', refund: '$1' }),
      en: { 1: 'Taken over: 1 user moved to E3', 3: 'Taken over: 3 users moved to E3' },
      sv: { 1: '1 användare har flyttats', 3: '3 användare har flyttats' },
    },
    {
      name: 'export.description',
      render: (t, n) => t.t('export.description', { tenant: 'Contoso', count: n }),
      en: { 1: 'Contoso: 1 row', 3: 'Contoso: 3 rows' },
      sv: { 1: 'Contoso: 1 rad', 3: 'Contoso: 3 rader' },
    },
    {
      name: 'outcome.assigned',
      render: (t, n) => outcomeNote(t, outcome('Assign', { users: people(n), free: 2 })),
      en: { 1: 'Alice now has a license.', 3: 'Alice, Bob, and Carol now have a license.' },
      sv: { 1: 'Alice har nu en licens.', 3: 'Alice, Bob och Carol har nu en licens.' },
    },
    {
      name: 'outcome.unassigned',
      render: (t, n) => outcomeNote(t, outcome('Unassign', { users: people(n), free: 1 })),
      en: { 1: 'Alice no longer has a license.', 3: 'and Carol no longer have a license.' },
      sv: { 1: 'Lediga licenser: 1.', 3: 'Carol har inte längre någon licens.' },
    },
    {
      name: 'notify.request.Approved',
      render: (t, n) =>
        notification(t, 'LicenseRequestDecided', {
          status: 'Approved',
          byName: 'Carol',
          approved: people(n),
        }),
      en: { 1: 'Alice now has a license.', 3: 'Carol now have a license.' },
      sv: { 1: 'Alice har nu en licens.', 3: 'Carol har nu en licens.' },
    },
  ];
  for (const s of userSentences) {
    for (const lang of ['en', 'sv'] as const) {
      for (const n of [1, 3] as const) {
        it(`${s.name} (${lang}, ${n})`, () => {
          expect(s.render(new Localizer(LOCALE[lang]), n)).to.include(s[lang][n]);
        });
      }
    }
  }

  it('every sentence with a count before a noun has a .one and an .other form', () => {
    const keys = Object.keys(en);
    const needing = [
      'outcome.added',
      'outcome.removedNow',
      'outcome.removedLater',
      'outcome.assigned',
      'outcome.unassigned',
      'notify.licensesAdded',
      'notify.licensesRemoved',
      'notify.licensesRemovedLater',
      'notify.BuyerPurchaseConfirmed',
      'notify.AdminPurchaseCreated',
      'notify.BuyerRenewed',
      'notify.request.Approved',
      'takeover.text',
      'takeover.movedDone',
      'export.description',
      'refusal.QUANTITY_UNCHANGED',
      'refusal.INSUFFICIENT_LICENSES',
      'card.days',
      'card.licensesCount',
      'licenses.free',
    ];
    for (const key of needing) {
      expect(keys, key).to.include(`${key}.one`);
      expect(keys, key).to.include(`${key}.other`);
    }
  });
});

describe('checkout placeholders come from the locales', () => {
  for (const [locale, expiry] of [
    ['en-US', 'MM/YY'],
    ['sv-SE', 'MM/ÅÅ'],
  ] as const) {
    it(`${locale}: the expiry placeholder is ${expiry}, as its label says`, () => {
      const t = new Localizer(locale);
      const card = checkoutCard(t, {
        product: productById(PRODUCT.visioPlan1),
        unitPriceCents: 500,
        quantity: 1,
        saved: [],
        holder: 'Bob',
      });
      const json = JSON.stringify(card.content);
      expect(json).to.include(`"placeholder":"${expiry}"`);
      expect(json).to.include('"placeholder":"1234 1234 1234 1234"');
      expect(t.t('checkout.cardExpiry')).to.include(expiry);
      expect(json).not.to.include('${placeholders');
    });
  }
});
