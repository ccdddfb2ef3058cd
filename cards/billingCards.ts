// The buyer's billing (§3.2): invoices with Pay, and another payment method for a subscription.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { SavedCard } from '../services/payments/paymentMethods.js';
import type { InvoiceView } from '../services/subscriptions/buyerService.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import { cardInputs } from './purchaseCards.js';
import { action, attachment, expand, newActionId } from './render.js';
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
        actions:
          i.status === 'Unpaid'
            ? [
                action(
                  t.t('action.pay', { amount: t.money(i.amountCents) }),
                  'invoice.pay',
                  { actionId: newActionId(), invoiceId: i.id },
                  { style: 'positive' },
                ),
              ]
            : [],
      })),
      note: t.t('invoices.note'),
      actions:
        months === 3 ? [action(t.t('action.sixMonths'), 'invoices.list', { period: '6' })] : [],
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
