// The buyer's notifications word what happened: every decline code as a sentence (never a raw key), a trial's
// conversion as a conversion, and a failed payment with a way to pay with another card.

import { expect } from 'chai';
import { Localizer } from '../../locales/localizer.js';
import { notificationCard } from '../../cards/notificationCards.js';
import { makeEvent } from '../../services/notifications/eventFactory.js';
import type { NotificationKind } from '../../services/notifications/events.js';
import { TEST_CARDS } from '../../services/payments/testCards.js';
import type { Facts } from '../../services/result.js';
import { cardText } from '../helpers/teamsUser.js';

const NOW = new Date('2026-04-02T09:00:00.000Z');

function event(kind: NotificationKind, facts: Facts) {
  return makeEvent(
    { kind, tenantId: 't', recipientUserId: 'u', subjectId: 'sub-1', occurrence: 'x', facts },
    NOW,
  );
}

function text(locale: string, kind: NotificationKind, facts: Facts): string {
  const card = notificationCard(new Localizer(locale), event(kind, facts)).content as unknown;
  return cardText(card as Record<string, unknown>);
}

const codes = [
  ...new Set(TEST_CARDS.flatMap((c) => (c.declineCode ? [c.declineCode] : []))),
  'some_new_code',
];

describe('buyer notification wording', () => {
  for (const locale of ['en-US', 'sv-SE']) {
    for (const declineCode of codes) {
      it(`a failed payment says why in words (${locale}, ${declineCode})`, () => {
        const said = text(locale, 'BuyerPaymentFailed', {
          productName: 'Power Apps per user',
          amountCents: 4000,
          declineCode,
          invoiceId: 'INV-1002',
        });
        expect(said).not.to.match(/decline\.|\\_|_card|_error|_funds|_cvc/);
        expect(said).to.include('INV-1002');
      });
    }
  }

  it('the failed-payment notice offers to change the card and pay, in English and Swedish', () => {
    const facts = {
      productName: 'Visio Plan 2',
      amountCents: 1500,
      declineCode: 'expired_card',
      invoiceId: 'INV-1',
    };
    const en = text('en-US', 'BuyerPaymentFailed', facts);
    expect(en).to.include('Change card and pay');
    expect(en).to.include('the card has expired');
    const sv = text('sv-SE', 'BuyerPaymentFailed', facts);
    expect(sv).to.include('Byt kort och betala');
  });

  it('a failed trial conversion is worded as the conversion, not a renewal', () => {
    const facts = {
      productName: 'Visio Plan 2',
      amountCents: 1500,
      declineCode: 'card_declined',
      invoiceId: 'INV-1',
      conversion: true,
    };
    const en = text('en-US', 'BuyerPaymentFailed', facts);
    expect(en).not.to.include('The renewal');
    expect(en).to.match(/trial of Visio Plan 2/);
    const sv = text('sv-SE', 'BuyerPaymentFailed', facts);
    expect(sv).not.to.match(/Förnyelsen/);
    expect(sv).to.match(/provperiod/);
  });
});

describe('sentences that must say what is true', () => {
  for (const locale of ['en-US', 'sv-SE']) {
    const t = new Localizer(locale);
    it(`a license request says Global admins are told too (${locale})`, () => {
      const said = t.t('request.sent.text', { users: 'Alice' });
      expect(said).to.match(locale === 'en-US' ? /Global/ : /global/);
    });
    it(`too few licenses for one person says nobody got a license (${locale})`, () => {
      const one = t.t('refusal.INSUFFICIENT_LICENSES', { requested: 1, free: 0, count: 1 });
      expect(one).to.match(locale === 'en-US' ? /nobody got a license/ : /ingen fick någon licens/);
    });
  }
});
