// Cards of the purchase flow: eligibility answer, product overview, checkout, trial and receipt (§2, §3.1); the
// product picker and the quantity question are in pickerCards.ts.

import type { Attachment } from 'botbuilder';
import type { Localizer } from '../locales/localizer.js';
import type { Product } from '../services/catalog/products.js';
import type { Eligibility } from '../services/eligibility/eligibility.js';
import type { SavedCard } from '../services/payments/paymentMethods.js';
import type { Receipt } from '../services/subscriptions/purchaseService.js';
import { messageCard, type Fact } from './cardKit.js';
import checkoutTemplate from './templates/checkout.json' with { type: 'json' };
import overviewTemplate from './templates/productOverview.json' with { type: 'json' };
import { refusalMessage } from './refusalMessage.js';
import { action, attachment, expand, newActionId, plain } from './render.js';

/** A product with its price now and the verdict for the person asking. */
export interface ProductVerdict {
  readonly product: Product;
  readonly unitPriceCents?: number;
  readonly purchase: Eligibility;
  /** Whether a trial (with or without card) is open to this person. */
  readonly trialWithoutPayment: boolean;
  readonly trialWithPayment: boolean;
}

function priceFact(t: Localizer, cents: number | undefined): Fact {
  return {
    title: t.t('card.price'),
    value: cents === undefined ? '—' : t.t('card.perUserMonth', { price: t.money(cents) }),
  };
}

/**
 * Yes or no for one product, with the reason and the next step (§2). The quantity asked about ("Can I buy 5 …?")
 * goes on to the checkout the Buy button opens.
 */
export function eligibilityCard(t: Localizer, v: ProductVerdict, quantity?: number): Attachment {
  const name = v.product.name;
  if (v.purchase.eligible) {
    return messageCard({
      title: t.t('eligibility.yes.title', { product: name }),
      text: t.t('eligibility.yes.text', { tenant: plain(v.purchase.tenant.name) }),
      color: 'Good',
      facts: [
        priceFact(t, v.unitPriceCents),
        { title: t.t('card.term'), value: t.t('card.monthlyTerm') },
      ],
      actions: [
        action(
          t.t('action.buy'),
          'purchase.start',
          { productId: v.product.productId, ...(quantity !== undefined ? { quantity } : {}) },
          { style: 'positive' },
        ),
        ...(v.trialWithPayment || v.trialWithoutPayment
          ? [action(t.t('action.trial'), 'trial.form', { productId: v.product.productId })]
          : []),
        action(t.t('action.products'), 'products.list'),
      ],
    });
  }
  const refusal = { code: v.purchase.code, facts: v.purchase.facts };
  const requests =
    v.purchase.code === 'POLICY_DISABLED' && v.purchase.facts.licenseRequestsEnabled === true;
  const custom =
    v.purchase.code === 'POLICY_DISABLED' ? v.purchase.facts.customRequestMessage : undefined;
  return messageCard({
    title: t.t('eligibility.no.title', { product: name }),
    text: refusalMessage(t, refusal),
    color: 'Attention',
    quote: typeof custom === 'string' ? custom : undefined,
    actions: [
      ...(requests && !custom
        ? [action(t.t('action.requestLicense'), 'request.form', { productId: v.product.productId })]
        : []),
      ...(v.trialWithoutPayment
        ? [action(t.t('action.freeTrial'), 'trial.form', { productId: v.product.productId })]
        : []),
      action(t.t('action.products'), 'products.list'),
    ],
  });
}

/** All nine products, their prices and the person's verdict for each. */
export function productOverviewCard(t: Localizer, verdicts: readonly ProductVerdict[]): Attachment {
  return attachment(
    expand(overviewTemplate, {
      title: t.t('overview.title'),
      text: t.t('overview.text'),
      headers: {
        product: t.t('overview.product'),
        price: t.t('overview.price'),
        verdict: t.t('overview.verdict'),
      },
      products: verdicts.map((v) => ({
        name: v.product.name,
        price: v.unitPriceCents === undefined ? '—' : t.money(v.unitPriceCents),
        verdict: v.purchase.eligible ? t.t('overview.yes') : t.t('overview.no'),
        color: v.purchase.eligible ? 'Good' : 'Attention',
        reason: v.purchase.eligible
          ? ''
          : refusalMessage(t, { code: v.purchase.code, facts: v.purchase.facts }),
        selectAction: action(v.product.name, 'eligibility.check', {
          productId: v.product.productId,
        }),
      })),
      note: t.t('overview.note'),
      actions: [action(t.t('action.myPurchases'), 'purchases.list')],
    }),
  );
}

/** Card inputs shared by checkout, trial and update-card forms (the checkout template's payment part). */
export function cardInputs(t: Localizer, saved: readonly SavedCard[], holder: string) {
  return {
    paymentHeading: t.t('checkout.payment'),
    savedCards: saved.length
      ? [
          ...saved.map((c) => ({
            title: t.t('checkout.savedCard', {
              brand: c.brand,
              last4: c.last4,
              expiry: `${String(c.expiryMonth).padStart(2, '0')}/${c.expiryYear}`,
            }),
            value: c.cardId,
          })),
          { title: t.t('checkout.newCard'), value: 'new' },
        ]
      : [],
    defaultChoice: saved.at(-1)?.cardId ?? 'new',
    labels: {
      cardChoice: t.t('checkout.cardChoice'),
      cardNumber: t.t('checkout.cardNumber'),
      cardExpiry: t.t('checkout.cardExpiry'),
      cardCvc: t.t('checkout.cardCvc'),
      cardHolder: t.t('checkout.cardHolder'),
    },
    errors: {
      cardNumber: t.t('checkout.error.cardNumber'),
      cardExpiry: t.t('checkout.error.cardExpiry'),
      cardCvc: t.t('checkout.error.cardCvc'),
      cardHolder: t.t('checkout.error.cardHolder'),
      cardChoice: t.t('checkout.error.noCard'),
    },
    placeholders: {
      cardNumber: t.t('checkout.placeholder.cardNumber'),
      cardExpiry: t.t('checkout.placeholder.cardExpiry'),
    },
    holder,
  };
}

/** The checkout: unit price, quantity and total, card, and one Confirm button keyed on a fresh action id. */
export function checkoutCard(
  t: Localizer,
  input: {
    product: Product;
    unitPriceCents: number;
    quantity: number;
    saved: readonly SavedCard[];
    holder: string;
    error?: string;
  },
): Attachment {
  const total = input.unitPriceCents * input.quantity;
  return attachment(
    expand(checkoutTemplate, {
      title: t.t('checkout.title', { product: input.product.name }),
      facts: [
        { title: t.t('card.product'), value: input.product.name },
        priceFact(t, input.unitPriceCents),
        { title: t.t('card.licenses'), value: String(input.quantity) },
        { title: t.t('card.term'), value: t.t('card.monthlyTerm') },
      ],
      total:
        (input.error ? `${input.error}\n\n` : '') +
        t.t('checkout.total', { total: t.money(total) }),
      ...cardInputs(t, input.saved, input.holder),
      privacy: t.t('checkout.privacy'),
      actions: [
        action(
          t.t('action.confirmPurchase', { total: t.money(total) }),
          'purchase.confirm',
          { actionId: newActionId(), productId: input.product.productId, quantity: input.quantity },
          { style: 'positive' },
        ),
        action(t.t('action.notNow'), 'purchase.abandon', {}, { associatedInputs: 'none' }),
      ],
    }),
  );
}

/** Trial form: a free trial where allowed, or a trial with a card that converts to paid after 30 days. */
export function trialCard(
  t: Localizer,
  input: {
    product: Product;
    unitPriceCents: number;
    withoutPayment: boolean;
    withPayment: boolean;
    saved: readonly SavedCard[];
    holder: string;
  },
): Attachment {
  const actionId = newActionId();
  const facts = [
    { title: t.t('card.product'), value: input.product.name },
    { title: t.t('card.trialLength'), value: t.t('card.days', { count: 30 }) },
    priceFact(t, input.unitPriceCents),
  ];
  if (!input.withPayment) {
    return messageCard({
      title: t.t('trial.title', { product: input.product.name }),
      text: t.t('trial.free'),
      facts,
      actions: [
        action(
          t.t('action.startFreeTrial'),
          'trial.start',
          { actionId, productId: input.product.productId, withCard: 'no' },
          { style: 'positive' },
        ),
      ],
    });
  }
  return attachment(
    expand(checkoutTemplate, {
      title: t.t('trial.title', { product: input.product.name }),
      facts,
      total: input.withoutPayment
        ? t.t('trial.bothOptions')
        : t.t('trial.withCard', { price: t.money(input.unitPriceCents) }),
      ...cardInputs(t, input.saved, input.holder),
      privacy: t.t('checkout.privacy'),
      actions: [
        ...(input.withoutPayment
          ? [
              action(
                t.t('action.startFreeTrial'),
                'trial.start',
                { actionId, productId: input.product.productId, withCard: 'no' },
                { associatedInputs: 'none' },
              ),
            ]
          : []),
        action(
          t.t('action.startTrialWithCard'),
          'trial.start',
          { actionId, productId: input.product.productId, withCard: 'yes' },
          { style: 'positive' },
        ),
      ],
    }),
  );
}

/** The receipt that replaces the checkout card; it has no button that could buy again. */
export function receiptCard(t: Localizer, receipt: Receipt): Attachment {
  const trial = receipt.kind !== 'Paid';
  const facts: Fact[] = [
    { title: t.t('card.order'), value: receipt.orderId },
    { title: t.t('card.product'), value: receipt.productName },
    { title: t.t('card.licenses'), value: String(receipt.quantity) },
    { title: t.t(trial ? 'card.trialEnds' : 'card.renews'), value: t.date(receipt.expirationDate) },
  ];
  if (!trial)
    facts.splice(3, 0, { title: t.t('card.charged'), value: t.money(receipt.totalCents) });
  if (receipt.card)
    facts.push({
      title: t.t('card.card'),
      value: `${receipt.card.brand} •••• ${receipt.card.last4}`,
    });
  return messageCard({
    title: receipt.alreadyDone
      ? t.t('receipt.alreadyDone', { order: receipt.orderId })
      : t.t(trial ? 'receipt.trialTitle' : 'receipt.title', { product: receipt.productName }),
    text: receipt.assignedToBuyer ? t.t('receipt.youHaveLicense') : t.t('receipt.noLicense'),
    color: 'Good',
    facts,
    note: trial
      ? t.t(receipt.kind === 'TrialWithPayment' ? 'receipt.trialConverts' : 'receipt.trialEnds')
      : t.t('receipt.note'),
    actions: [
      ...(receipt.quantity > 1
        ? [
            action(t.t('action.assign'), 'licenses.assignForm', {
              subscriptionId: receipt.subscriptionId,
            }),
          ]
        : []),
      action(t.t('action.myPurchases'), 'purchases.list'),
    ],
  });
}
