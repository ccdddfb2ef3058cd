// Every card the bot renders: Adaptive Cards 1.5, nothing left unbound, labelled inputs, wrapping text, buttons
// with a known verb and a Submit fallback, and people's text shown literally.

import { expect } from 'chai';
import type { Attachment } from 'botbuilder';
import { Localizer } from '../../locales/localizer.js';
import { VERBS } from '../../cards/verbs.js';
import { helpCard, welcomeCard } from '../../cards/welcomeCards.js';
import { productChoicesCard, quantityCard } from '../../cards/pickerCards.js';
import { checkoutCard, receiptCard, trialCard } from '../../cards/purchaseCards.js';
import { invoicesCard, paymentMethodForm } from '../../cards/billingCards.js';
import { requestForm } from '../../cards/licenseRequestCards.js';
import { subscriptionCard, subscriptionsCard } from '../../cards/subscriptionCards.js';
import { assignForm, cancelPreviewCard, quantityForm } from '../../cards/subscriptionForms.js';
import { productById } from '../../services/catalog/catalog.js';
import { buy, expectOk, fixture, PRODUCT } from '../helpers/domainFixture.js';
import { cardText } from '../helpers/teamsUser.js';
import { eligibilityScreen, overviewScreen } from '../../dialogs/screens/purchaseScreens.js';
import { policyScreen } from '../../dialogs/screens/adminScreens.js';
import { IN_SCOPE_PRODUCTS } from '../../services/catalog/products.js';

type Json = Record<string, unknown>;

/** Inputs the flow cannot go on without: the card to pay with, the name on it, a number of licenses. */
const REQUIRED_INPUTS = ['cardChoice', 'cardHolder', 'quantity'];

function nodes(card: unknown): Json[] {
  const out: Json[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      out.push(n as Json);
      Object.entries(n).forEach(([k, v]) => k !== 'data' && walk(v));
    }
  };
  walk(card);
  return out;
}

async function allCards(locale: string): Promise<[string, Attachment][]> {
  const t = new Localizer(locale);
  const f = fixture();
  const bob = f.as('bob');
  const receipt = await buy(f, bob, PRODUCT.powerBiPro, 3);
  const view = expectOk(await f.domain.buyers.subscription(bob, receipt.subscriptionId));
  const saved = await f.domain.paymentMethods.list(bob);
  const invoices = expectOk(await f.domain.buyers.invoices(bob));
  const preview = expectOk(await f.domain.buyers.cancellationPreview(bob, receipt.subscriptionId));
  const colleagues = await f.domain.directory.searchUsers(bob.tenantId, '', 50);
  const product = productById(PRODUCT.visioPlan1);
  const judy = f.as('judy');
  return [
    ['welcome', welcomeCard(t, 'Bob', true)],
    ['help', helpCard(t)],
    ['overview', await overviewScreen(f.domain, t, bob)],
    [
      'checkout',
      checkoutCard(t, { product, unitPriceCents: 500, quantity: 2, saved, holder: 'Bob' }),
    ],
    [
      'trial',
      trialCard(t, {
        product,
        unitPriceCents: 500,
        withoutPayment: true,
        withPayment: true,
        saved,
        holder: 'Bob',
      }),
    ],
    ['receipt', receiptCard(t, receipt)],
    ['subscriptions', subscriptionsCard(t, [view])],
    ['subscription', subscriptionCard(t, view, 'note')],
    ['assign', assignForm(t, view, colleagues)],
    ['quantity', quantityForm(t, view)],
    ['cancel', cancelPreviewCard(t, preview)],
    ['invoices', invoicesCard(t, invoices, 3)],
    ['request', requestForm(t, product.productId, product.name)],
    ['eligibility yes', await eligibilityScreen(f.domain, t, bob, product.productId)],
    ['eligibility no', await eligibilityScreen(f.domain, t, judy, product.productId)],
    [
      'checkout without saved cards',
      checkoutCard(t, { product, unitPriceCents: 500, quantity: 1, saved: [], holder: 'Judy' }),
    ],
    ['payment method', paymentMethodForm(t, view, saved, 'Bob')],
    [
      'product choices',
      productChoicesCard(t, {
        title: 'Which one?',
        products: IN_SCOPE_PRODUCTS,
        flow: 'purchase',
        quantity: 2,
      }),
    ],
    ['quantity to buy', quantityCard(t, product)],
    // Every product of the policy, Copilot and the others this bot does not sell included.
    ['policies', await policyScreen(f.domain, t, f.as('carol'), bob.tenantId)],
  ];
}

for (const locale of ['en-US', 'sv-SE']) {
  describe(`cards (${locale})`, () => {
    it('are Adaptive Cards 1.5 with every binding filled', async () => {
      for (const [name, attachment] of await allCards(locale)) {
        expect(attachment.contentType, name).to.equal('application/vnd.microsoft.card.adaptive');
        const card = attachment.content as Json;
        expect(card.version, name).to.equal('1.5');
        expect(JSON.stringify(card), name).not.to.include('${');
      }
    });

    it('have labelled inputs, required (with an error message) where the flow needs them, and wrapping text', async () => {
      const seen = new Set<string>();
      for (const [name, attachment] of await allCards(locale)) {
        for (const node of nodes(attachment.content)) {
          if (typeof node.type === 'string' && node.type.startsWith('Input.')) {
            const input = `${name} ${String(node.id)}`;
            seen.add(String(node.id));
            expect(node.label, input).to.be.a('string').and.not.equal('');
            if (REQUIRED_INPUTS.includes(String(node.id)))
              expect(node.isRequired, `${input} is required by the flow`).to.equal(true);
            const validated =
              node.isRequired === true ||
              node.regex !== undefined ||
              node.min !== undefined ||
              node.max !== undefined;
            if (validated)
              expect(node.errorMessage, `${input} says what is wrong`)
                .to.be.a('string')
                .and.not.equal('');
          }
          if (node.type === 'TextBlock')
            expect(node.wrap, `${name}: ${String(node.text)}`).to.equal(true);
        }
      }
      for (const id of REQUIRED_INPUTS) expect([...seen], 'rendered at least once').to.include(id);
    });

    it('have only Action.Execute buttons (row actions too), each with a known verb and an Action.Submit fallback carrying the same data', async () => {
      for (const [name, attachment] of await allCards(locale)) {
        const executes: Json[] = [];
        const others: Json[] = [];
        const walk = (n: unknown): void => {
          if (Array.isArray(n)) n.forEach(walk);
          else if (n && typeof n === 'object') {
            const node = n as Json;
            if (node.type === 'Action.Execute') {
              executes.push(node);
              Object.entries(node).forEach(([k, v]) => k !== 'fallback' && walk(v));
              return;
            }
            if (typeof node.type === 'string' && node.type.startsWith('Action.')) others.push(node);
            Object.values(n).forEach(walk);
          }
        };
        walk(attachment.content);
        expect(
          others.map((a) => `${String(a.type)} "${String(a.title)}"`),
          `${name}: buttons that are not Action.Execute`,
        ).to.deep.equal([]);
        for (const action of executes) {
          expect(VERBS, `${name}: ${String(action.verb)}`).to.include(action.verb);
          const fallback = action.fallback as Json;
          expect(fallback.type, name).to.equal('Action.Submit');
          expect(fallback.data, name).to.deep.equal(action.data);
          expect((action.data as Json).verb, name).to.equal(action.verb);
        }
      }
    });
  });
}

describe('help and welcome', () => {
  it('the help card lists every command, in each language', () => {
    const en = cardText(helpCard(new Localizer('en-US')).content as Json);
    for (const command of [
      'can I buy Power BI Pro?',
      'products',
      'buy 5 Visio Plan 2',
      'try Project Plan 1',
      'my purchases',
      'invoices',
      'request a license',
      'cancel',
    ]) {
      expect(en).to.include(command);
    }
    const sv = cardText(helpCard(new Localizer('sv-SE')).content as Json);
    for (const command of [
      'kan jag köpa Power BI Pro?',
      'produkter',
      'köp 5 Visio Plan 2',
      'prova Project Plan 1',
      'mina köp',
      'fakturor',
      'avbryt',
    ]) {
      expect(sv).to.include(command);
    }
  });

  it('the welcome card shows a directory name literally', () => {
    const text = cardText(
      welcomeCard(new Localizer('sv-SE'), '[Klicka](https://evil.example) **BRÅDSKANDE**', false)
        .content as Json,
    );
    expect(text).to.include('\\[Klicka\\]\\(https://evil.example\\) \\*\\*BRÅDSKANDE\\*\\*');
    expect(text).not.to.include('[Klicka](https://evil.example)');
  });

  it('the welcome card says what the bot does, and more to admins', () => {
    const user = cardText(welcomeCard(new Localizer('en-US'), 'Bob', false).content as Json);
    const admin = cardText(welcomeCard(new Localizer('en-US'), 'Carol', true).content as Json);
    expect(user).to.include('Ask whether you can buy a product');
    expect(user).not.to.include('As an admin');
    expect(admin).to.include('As an admin');
  });
});

describe('people’s text on cards', () => {
  it('a display name cannot forge a link or formatting', async () => {
    const f = fixture();
    const seed = structuredClone(f.seed);
    seed.tenants[0]!.users.find((u) => u.upn === 'alice@contoso.com')!.displayName =
      '[Click me](https://evil.example) **URGENT**';
    const g = fixture({ seed });
    const bob = g.as('bob');
    const receipt = await buy(g, bob, PRODUCT.powerBiPro, 2);
    expectOk(
      await g.domain.licenses.assign(bob, receipt.subscriptionId, ['alice@contoso.com'], 'a'),
    );
    const view = expectOk(await g.domain.buyers.subscription(bob, receipt.subscriptionId));
    const text = cardText(subscriptionCard(new Localizer('en-US'), view).content as Json);
    expect(text).to.include('\\[Click me\\]\\(https://evil.example\\) \\*\\*URGENT\\*\\*');
    expect(text).not.to.include('[Click me](https://evil.example)');
  });
});
