// The answer to "try <product>" matches what is possible (rule 9, §3.4): it offers a trial with a card only when one
// can be started, and a trials-only policy (which forbids trials with a card) never gets "start a trial with a card".
// Table over policy (Enabled / trials-only) × existing agreement (yes / no) × product with or without a free trial.

import { expect } from 'chai';
import { Localizer } from '../../locales/localizer.js';
import { trialScreen } from '../../dialogs/screens/purchaseScreens.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import { expectOk, fixture, PRODUCT } from '../helpers/domainFixture.js';
import { cardText } from '../helpers/teamsUser.js';

type Offer = 'free+card' | 'card' | 'free' | 'none' | 'policy refused';

const TENANTS = {
  agreement: { admin: ['carol', undefined], buyer: ['alice', undefined] },
  noAgreement: {
    admin: ['karin', 'Fjällbacka Design AB'],
    buyer: ['sven', 'Fjällbacka Design AB'],
  },
} as const;

const PRODUCTS = {
  freeTrial: { id: PRODUCT.visioPlan1, name: 'Visio Plan 1' },
  noFreeTrial: { id: PRODUCT.powerApps, name: 'Power Apps per user' },
} as const;

const TABLE: [PolicyValue, keyof typeof TENANTS, keyof typeof PRODUCTS, Offer][] = [
  ['Enabled', 'agreement', 'freeTrial', 'free+card'],
  ['Enabled', 'agreement', 'noFreeTrial', 'card'],
  ['Enabled', 'noAgreement', 'freeTrial', 'card'],
  ['Enabled', 'noAgreement', 'noFreeTrial', 'card'],
  ['OnlyTrialsWithoutPaymentMethod', 'agreement', 'freeTrial', 'free'],
  ['OnlyTrialsWithoutPaymentMethod', 'agreement', 'noFreeTrial', 'policy refused'],
  ['OnlyTrialsWithoutPaymentMethod', 'noAgreement', 'freeTrial', 'none'],
  ['OnlyTrialsWithoutPaymentMethod', 'noAgreement', 'noFreeTrial', 'policy refused'],
];

const WORDS = {
  'en-US': { cardMention: /with a card/i, admin: 'Contact your IT admin' },
  'sv-SE': { cardMention: /med kort/i, admin: 'Kontakta din IT-administratör' },
} as const;

describe('the answer to "try <product>" matches what is possible', () => {
  for (const [policy, tenant, productKind, offer] of TABLE) {
    for (const locale of ['en-US', 'sv-SE'] as const) {
      it(`${policy} × ${tenant} × ${productKind} (${locale}): ${offer}`, async () => {
        const f = fixture();
        const product = PRODUCTS[productKind];
        const [adminName, tenantName] = TENANTS[tenant].admin;
        const admin = f.as(adminName, tenantName);
        const update = await f.domain.policies.updateProductPolicy(
          admin,
          admin.tenantId,
          product.id,
          policy,
          'chat',
        );
        if (offer === 'policy refused') {
          expect(update.ok).to.equal(false);
          return;
        }
        expectOk(update);
        const [buyerName, buyerTenant] = TENANTS[tenant].buyer;
        const t = new Localizer(locale);
        const card = (await trialScreen(f.domain, t, f.as(buyerName, buyerTenant), product.id))
          .content as Record<string, unknown>;
        const text = cardText(card);
        const w = WORDS[locale];
        const hasFree = text.includes(t.t('action.startFreeTrial'));
        const hasCard = text.includes(t.t('action.startTrialWithCard'));
        expect({ hasFree, hasCard }).to.deep.equal({
          hasFree: offer === 'free+card' || offer === 'free',
          hasCard: offer === 'free+card' || offer === 'card',
        });
        if (offer === 'none') {
          // Nothing to start: the reason, the way on (the IT admin), and no card alternative that isn't there.
          expect(text).to.include(w.admin);
          expect(text).not.to.match(w.cardMention);
          expect(text).to.include(product.name);
        }
      });
    }
  }
});
