// Cards of the buyer's limited admin view (§3.2): purchases, one subscription, and the forms to change it.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { User } from '../services/directory/directory.js';
import type { SavedCard } from '../services/payments/paymentMethods.js';
import type { CancellationPreview, InvoiceView } from '../services/subscriptions/buyerService.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import { formCard, messageCard, type Fact } from './cardKit.js';
import { cardInputs } from './purchaseCards.js';
import { action, attachment, expand, newActionId, plain, type CardJson } from './render.js';
import subscriptionsTemplate from './templates/subscriptions.json' with { type: 'json' };
import checkoutTemplate from './templates/checkout.json' with { type: 'json' };

function statusText(t: Localizer, v: SubscriptionView): string {
  const status = t.t(`status.${v.status}` as MessageKey);
  return v.kind === 'Paid' ? status : `${status} (${t.t(`kind.${v.kind}` as MessageKey)})`;
}

/** The way back from a form to its subscription, without sending the form's inputs. */
function backTo(t: Localizer, subscriptionId: string): CardJson {
  return action(
    t.t('action.back'),
    'subscription.show',
    { subscriptionId },
    { associatedInputs: 'none' },
  );
}

/** The facts of a subscription a buyer or an admin sees (§4.1 fields). */
export function subscriptionFacts(t: Localizer, v: SubscriptionView): Fact[] {
  const facts: Fact[] = [
    { title: t.t('card.status'), value: statusText(t, v) },
    {
      title: t.t('card.licenses'),
      value: t.t('card.assignedOf', { assigned: v.assignedUsers.length, quantity: v.quantity }),
    },
    {
      title: t.t('card.price'),
      value: t.t('card.priceLine', {
        unit: t.money(v.unitPriceCents),
        total: t.money(v.termPriceCents),
      }),
    },
    v.renewalDate
      ? { title: t.t('card.renews'), value: t.date(v.renewalDate) }
      : { title: t.t('card.ends'), value: t.date(v.expirationDate) },
  ];
  if (v.pendingQuantityAtRenewal !== undefined) {
    facts.push({
      title: t.t('card.atRenewal'),
      value: t.t('card.licensesCount', { count: v.pendingQuantityAtRenewal }),
    });
  }
  if (v.card)
    facts.push({
      title: t.t('card.card'),
      value: `${v.card.brand} •••• ${v.card.last4} (${v.card.expiry})`,
    });
  if (v.assignedUsers.length > 0) {
    facts.push({
      title: t.t('card.assignedTo'),
      value: t.list(v.assignedUsers.map((u) => plain(u.displayName))),
    });
  }
  return facts;
}

/** "My purchases": each subscription with a Manage button. */
export function subscriptionsCard(t: Localizer, views: readonly SubscriptionView[]): Attachment {
  return attachment(
    expand(subscriptionsTemplate, {
      title: t.t('purchases.title'),
      empty: t.t('purchases.empty'),
      items: views.map((v) => ({
        heading: v.productName,
        facts: subscriptionFacts(t, v),
        actions: [action(t.t('action.manage'), 'subscription.show', { subscriptionId: v.id })],
      })),
      note: '',
      actions: [
        action(t.t('action.invoices'), 'invoices.list'),
        action(t.t('action.products'), 'products.list'),
      ],
    }),
  );
}

/** One subscription with everything its buyer can do to it. */
export function subscriptionCard(t: Localizer, v: SubscriptionView, note?: string): Attachment {
  const active = v.status === 'Active' && !v.takeoverInProgress;
  const id = { subscriptionId: v.id };
  const actions: CardJson[] = active
    ? [
        ...(v.freeLicenses > 0 ? [action(t.t('action.assign'), 'licenses.assignForm', id)] : []),
        ...(v.kind === 'Paid' ? [action(t.t('action.changeQuantity'), 'quantity.form', id)] : []),
        ...(v.card ? [action(t.t('action.updateCard'), 'card.form', id)] : []),
        action(t.t('action.cancelSubscription'), 'cancel.preview', id, { style: 'destructive' }),
      ]
    : [];
  const assigned = v.assignedUsers.map((u) => ({ title: plain(u.displayName), value: u.userId }));
  if (!active || assigned.length === 0) {
    return messageCard({
      title: v.productName,
      facts: subscriptionFacts(t, v),
      note,
      actions: [...actions, action(t.t('action.myPurchases'), 'purchases.list')],
    });
  }
  return formCard({
    title: v.productName,
    facts: subscriptionFacts(t, v),
    choiceSets: [
      {
        id: 'assigned',
        label: t.t('licenses.assignedLabel'),
        choices: assigned,
        multi: true,
        style: 'expanded',
        errorMessage: t.t('licenses.pickSomeone'),
      },
    ],
    note,
    actions: [
      action(t.t('action.unassign'), 'licenses.unassign', { actionId: newActionId(), ...id }),
      ...actions,
      action(t.t('action.myPurchases'), 'purchases.list', {}, { associatedInputs: 'none' }),
    ],
  });
}

/** Pick colleagues of the same tenant, or type names or addresses (at most 20 at once). */
export function assignForm(
  t: Localizer,
  v: SubscriptionView,
  colleagues: readonly User[],
): Attachment {
  const assigned = new Set(v.assignedUsers.map((u) => u.userId));
  const choices = colleagues
    .filter((u) => !assigned.has(u.id) && u.userType === 'Member')
    .map((u) => ({ title: `${plain(u.displayName)} (${u.upn})`, value: u.upn }));
  return formCard({
    title: t.t('licenses.assignTitle', { product: v.productName }),
    text: t.t('licenses.free', { count: v.freeLicenses }),
    choiceSets: choices.length
      ? [
          {
            id: 'colleagues',
            label: t.t('licenses.colleagues'),
            choices,
            multi: true,
            errorMessage: t.t('licenses.pickSomeone'),
          },
        ]
      : [],
    texts: [
      {
        id: 'others',
        label: t.t('licenses.others'),
        placeholder: t.t('licenses.othersPlaceholder'),
        maxLength: 2000,
        errorMessage: t.t('licenses.othersError'),
      },
    ],
    note: t.t('licenses.rules'),
    actions: [
      action(
        t.t('action.assign'),
        'licenses.assign',
        { actionId: newActionId(), subscriptionId: v.id },
        { style: 'positive' },
      ),
      backTo(t, v.id),
    ],
  });
}

/** Buy more or remove: a new total (prefilled with `total`, else the current one), with what each direction costs. */
export function quantityForm(t: Localizer, v: SubscriptionView, total = v.quantity): Attachment {
  return formCard({
    title: t.t('quantity.title', { product: v.productName }),
    facts: subscriptionFacts(t, v).slice(0, 3),
    numbers: [
      {
        id: 'quantity',
        label: t.t('quantity.label'),
        value: total,
        min: Math.max(1, v.assignedUsers.length),
        max: 10_000,
        errorMessage: t.t('quantity.error', { min: Math.max(1, v.assignedUsers.length) }),
      },
    ],
    note: [
      t.t('quantity.more', { price: t.money(v.unitPriceCents) }),
      v.inCancellationWindow
        ? t.t('quantity.lessNow', { until: t.dateTime(v.windowClosesAt) })
        : t.t('quantity.lessLater', { renewal: t.date(v.expirationDate) }),
    ].join(' '),
    actions: [
      action(
        t.t('action.saveQuantity'),
        'quantity.change',
        { actionId: newActionId(), subscriptionId: v.id },
        { style: 'positive' },
      ),
      backTo(t, v.id),
    ],
  });
}

/** What cancelling does now (inside or outside the 7-day window), before the buyer confirms. */
export function cancelPreviewCard(t: Localizer, p: CancellationPreview): Attachment {
  return messageCard({
    title: t.t('cancel.title', { product: p.productName }),
    text: p.immediate
      ? t.t('cancel.immediate', { refund: t.money(p.refundCents) })
      : t.t('cancel.later', { until: t.date(p.activeUntil), closed: t.date(p.windowClosesAt) }),
    color: 'Warning',
    actions: [
      action(
        t.t('action.confirmCancel'),
        'cancel.confirm',
        { actionId: newActionId(), subscriptionId: p.subscriptionId },
        { style: 'destructive' },
      ),
      action(t.t('action.keep'), 'subscription.show', { subscriptionId: p.subscriptionId }),
    ],
  });
}

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

/** A license request for a blocked product (§4.3): for me and/or colleagues, with an optional message. */
export function requestForm(t: Localizer, productId: string, productName: string): Attachment {
  return formCard({
    title: t.t('request.title', { product: productName }),
    text: t.t('request.text'),
    choiceSets: [
      {
        id: 'forSelf',
        label: t.t('request.forSelf'),
        choices: [
          { title: t.t('request.yes'), value: 'true' },
          { title: t.t('request.no'), value: 'false' },
        ],
        value: 'true',
        style: 'expanded',
        required: true,
        errorMessage: t.t('request.forSelfError'),
      },
    ],
    texts: [
      {
        id: 'others',
        label: t.t('request.others'),
        placeholder: t.t('licenses.othersPlaceholder'),
        maxLength: 2000,
        errorMessage: t.t('licenses.othersError'),
      },
      {
        id: 'message',
        label: t.t('request.message'),
        multiline: true,
        maxLength: 500,
        errorMessage: t.t('request.messageError'),
      },
    ],
    actions: [
      action(
        t.t('action.sendRequest'),
        'request.submit',
        { actionId: newActionId(), productId },
        { style: 'positive' },
      ),
    ],
  });
}
