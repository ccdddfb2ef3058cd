// The buyer's billing (§3.2): invoices with Pay, and another payment method for a subscription.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { SavedCard } from '../services/payments/paymentMethods.js';
import type { InvoiceView } from '../services/subscriptions/buyerService.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import { cardInputs } from './purchaseCards.js';
import { action, attachment, expand, newActionId, type CardJson } from './render.js';
import subscriptionsTemplate from './templates/subscriptions.json' with { type: 'json' };
import checkoutTemplate from './templates/checkout.json' with { type: 'json' };

/** Invoices and credit notes of a period, with Pay on unpaid ones. */
export function invoicesCard(
  t: Localizer,
  invoices: readonly InvoiceView[],
  months: 3 | 6,
): Attachment {
  return attachment(
    expand(subscriptionsTemplate, {
      title: t.t('invoices.title', { count: months }),
      empty: t.t('invoices.empty'),
      items: invoices.map((i) => ({
        heading: `${i.id} · ${i.productName}`,
        facts: [
          { title: t.t('card.date'), value: t.date(i.at) },
          { title: t.t('card.amount'), value: t.money(i.amountCents) },
          { title: t.t('card.period'), value: `${t.date(i.periodStart)} – ${t.date(i.periodEnd)}` },
          { title: t.t('card.status'), value: t.t(`invoice.${i.status}` as MessageKey) },
        ],
        actions: i.status === 'Unpaid' ? payActions(t, i) : [],
      })),
      note: t.t('invoices.note'),
      actions:
        months === 3 ? [action(t.t('action.sixMonths'), 'invoices.list', { period: '6' })] : [],
    }),
  );
}

/**
 * The buttons of an unpaid invoice: pay with the subscription's card, or change the card and pay (the card that
 * failed is often the reason the invoice is unpaid).
 */
export function payActions(
  t: Localizer,
  i: { readonly id: string; readonly amountCents: number },
): CardJson[] {
  return [
    action(
      t.t('action.pay', { amount: t.money(i.amountCents) }),
      'invoice.pay',
      { actionId: newActionId(), invoiceId: i.id },
      { style: 'positive' },
    ),
    action(t.t('action.changeCardAndPay'), 'invoice.payForm', { invoiceId: i.id }),
  ];
}

/**
 * "Change card and pay": the unpaid invoice, the card that bills it now, and a saved card or a new one to pay it
 * with. A typed card is kept only once the payment with it succeeded. `error` says why the last try did not pay.
 */
export function payInvoiceForm(
  t: Localizer,
  input: {
    readonly invoice: InvoiceView;
    readonly currentCard?: {
      readonly cardId: string;
      readonly brand: string;
      readonly last4: string;
      readonly expiry: string;
    };
    readonly saved: readonly SavedCard[];
    readonly holder: string;
    readonly error?: string;
  },
): Attachment {
  const { invoice, currentCard } = input;
  const inputs = cardInputs(t, input.saved, input.holder);
  // The card that failed is not the one to suggest: the newest other saved card, or a new one.
  const other = input.saved.filter((c) => c.cardId !== currentCard?.cardId).at(-1);
  return attachment(
    expand(checkoutTemplate, {
      title: t.t('invoice.payTitle', { invoice: invoice.id, product: invoice.productName }),
      facts: [
        { title: t.t('card.amount'), value: t.money(invoice.amountCents) },
        {
          title: t.t('card.period'),
          value: `${t.date(invoice.periodStart)} – ${t.date(invoice.periodEnd)}`,
        },
        ...(currentCard
          ? [
              {
                title: t.t('card.current'),
                value: `${currentCard.brand} •••• ${currentCard.last4} (${currentCard.expiry})`,
              },
            ]
          : []),
      ],
      total: (input.error ? `${input.error}\n\n` : '') + t.t('invoice.payNote'),
      ...inputs,
      defaultChoice: other?.cardId ?? 'new',
      privacy: t.t('card.onlyLast4'),
      actions: [
        action(
          t.t('action.pay', { amount: t.money(invoice.amountCents) }),
          'invoice.pay',
          { actionId: newActionId(), invoiceId: invoice.id },
          { style: 'positive' },
        ),
        action(t.t('action.invoices'), 'invoices.list', {}, { associatedInputs: 'none' }),
      ],
    }),
  );
}

/** Another card for a subscription: a saved one, or a new one (the number is tokenized, never kept). */
export function paymentMethodForm(
  t: Localizer,
  v: SubscriptionView,
  saved: readonly SavedCard[],
  holder: string,
): Attachment {
  return attachment(
    expand(checkoutTemplate, {
      title: t.t('card.updateTitle', { product: v.productName }),
      facts: v.card
        ? [
            {
              title: t.t('card.current'),
              value: `${v.card.brand} •••• ${v.card.last4} (${v.card.expiry})`,
            },
          ]
        : [],
      total: '',
      ...cardInputs(t, saved, holder),
      defaultChoice: 'new',
      privacy: t.t('card.onlyLast4'),
      actions: [
        action(
          t.t('action.saveCard'),
          'card.update',
          { actionId: newActionId(), subscriptionId: v.id },
          { style: 'positive' },
        ),
        action(
          t.t('action.back'),
          'subscription.show',
          { subscriptionId: v.id },
          { associatedInputs: 'none' },
        ),
      ],
    }),
  );
}
