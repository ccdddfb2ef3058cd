// English and Swedish are both first-class: the same keys, the same placeholders, a sentence for every code.

import { expect } from 'chai';
import en from '../../locales/en.json' with { type: 'json' };
import sv from '../../locales/sv.json' with { type: 'json' };
import { Localizer, languageOf } from '../../locales/localizer.js';
import { REFUSAL_CODES } from '../../services/result.js';
import { NOTIFICATION_KINDS } from '../../services/notifications/events.js';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { notificationCard } from '../../cards/notificationCards.js';
import { cardText } from '../helpers/teamsUser.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('locales', () => {
  it('English and Swedish have exactly the same keys', () => {
    expect(Object.keys(sv).sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('each Swedish sentence uses the same placeholders as the English one', () => {
    const english = en as Record<string, string>;
    for (const [key, text] of Object.entries(sv as Record<string, string>)) {
      expect(placeholders(text), key).to.deep.equal(placeholders(english[key] ?? ''));
    }
  });

  it('every refusal code has a sentence in both languages, with no placeholder left unfilled', () => {
    const facts = {
      productName: 'Visio Plan 2',
      tenantName: 'Contoso',
      homeTenantName: 'Humongous',
      email: 'a@b.com',
      country: 'IN',
      min: 1,
      max: 10000,
      user: 'Judy',
      users: ['Alice', 'Bob'],
      otherTenantName: 'Fabrikam',
      free: 1,
      requested: 2,
      assigned: 3,
      status: 'Deleted',
      byName: 'Carol',
      productId: 'X',
      quantity: 3,
      invoiceId: 'INV-1',
      message: 'Use the portal',
      declineCode: 'insufficient_funds',
      cvcLength: 3,
      subscriptionId: 'S-1',
    };
    for (const locale of ['en-US', 'sv-SE']) {
      const t = new Localizer(locale);
      for (const code of REFUSAL_CODES) {
        const text = refusalMessage(t, { code, facts });
        expect(text, `${locale} ${code}`).not.to.match(/^refusal\./);
        expect(text, `${locale} ${code}`).not.to.match(/\{\w+\}/);
      }
    }
  });

  it('the refusals of domain.md §2 say "contact your IT admin" where the spec says so, and not for rules 1 and 8', () => {
    const t = new Localizer('en-US');
    const withAdmin = [
      'ACCOUNT_DISABLED',
      'GUEST_NOT_ALLOWED',
      'TENANT_NOT_ELIGIBLE',
      'MARKET_NOT_ELIGIBLE',
      'PRODUCT_NOT_AVAILABLE',
      'POLICY_TRIALS_ONLY',
      'POLICY_DISABLED',
      'TRIAL_NOT_AVAILABLE',
      'INVALID_QUANTITY',
    ] as const;
    for (const code of withAdmin)
      expect(refusalMessage(t, { code, facts: { productName: 'Visio' } }), code).to.match(
        /contact your IT admin/i,
      );
    for (const code of ['NO_TENANT', 'PAYMENT_METHOD_NOT_SUPPORTED'] as const) {
      expect(refusalMessage(t, { code, facts: { email: 'x@y.z' } }), code).not.to.match(
        /IT admin/i,
      );
    }
    const sv = new Localizer('sv-SE');
    expect(
      refusalMessage(sv, { code: 'POLICY_DISABLED', facts: { productName: 'Visio' } }),
    ).to.include('Kontakta din IT-administratör');
  });

  it('every notification kind has a title and a sentence in both languages', () => {
    for (const locale of ['en-US', 'sv-SE']) {
      const t = new Localizer(locale);
      for (const kind of NOTIFICATION_KINDS) {
        const text = cardText(
          notificationCard(t, {
            id: 'e',
            kind,
            tenantId: 't',
            recipientUserId: 'u',
            createdAt: '2026-03-02T09:00:00Z',
            subjectId: 'S-1',
            facts: {
              productName: 'Visio Plan 2',
              status: 'Approved',
              action: 'cancel',
              effective: 'now',
              delta: 2,
            },
          }).content as Record<string, unknown>,
        );
        expect(text, `${locale} ${kind}`).not.to.match(/notify\.|\{\w+\}/);
      }
    }
  });

  it('follows the activity locale and falls back to English', () => {
    expect(languageOf('sv-SE')).to.equal('sv');
    expect(languageOf('sv')).to.equal('sv');
    expect(languageOf('en-GB')).to.equal('en');
    expect(languageOf('fi-FI')).to.equal('en');
    expect(languageOf(undefined)).to.equal('en');
  });

  it('formats money, dates and lists the way each language writes them', () => {
    const en = new Localizer('en-US');
    const sv = new Localizer('sv-SE');
    expect(en.money(7000)).to.equal('$70.00');
    expect(sv.money(7000).replace(/\s/g, ' ')).to.equal('70,00 US$');
    expect(en.date('2026-04-02T09:00:00Z')).to.equal('Apr 2, 2026');
    expect(sv.date('2026-04-02T09:00:00Z')).to.equal('2 apr. 2026');
    expect(en.list(['Alice', 'Bob', 'Carol'])).to.equal('Alice, Bob, and Carol');
    expect(sv.list(['Alice', 'Bob', 'Carol'])).to.equal('Alice, Bob och Carol');
    expect(en.t('card.days', { count: 1 })).to.equal('1 day');
    expect(sv.t('card.days', { count: 30 })).to.equal('30 dagar');
  });
});
