// The buyer's limited admin view (§3.2): "My purchases" and one subscription, with the facts both sides show.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { Invoice } from '../services/subscriptions/model.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import { payActions } from './billingCards.js';
import { formCard, messageCard, type Fact } from './cardKit.js';
import { action, attachment, expand, newActionId, plain, type CardJson } from './render.js';
import subscriptionsTemplate from './templates/subscriptions.json' with { type: 'json' };

function statusText(t: Localizer, v: SubscriptionView): string {
  const status = t.t(`status.${v.status}` as MessageKey);
  return v.kind === 'Paid' ? status : `${status} (${t.t(`kind.${v.kind}` as MessageKey)})`;
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
      ? {
          // A trial with a card does not renew: it ends and becomes a paid subscription (S-14).
          title: t.t(v.kind === 'TrialWithPayment' ? 'card.trialConverts' : 'card.renews'),
          value: t.date(v.renewalDate),
        }
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

/**
 * One subscription with everything its buyer can do to it. An Expired one (its renewal failed) offers to pay the
 * unpaid invoice and to change the card (`unpaid`, `ownCard`: shown to its buyer, not to an admin viewing it).
 */
export function subscriptionCard(
  t: Localizer,
  v: SubscriptionView,
  note?: string,
  billing: { readonly unpaid?: Invoice; readonly ownCard?: boolean } = {},
): Attachment {
  const active = v.status === 'Active' && !v.takeoverInProgress;
  const id = { subscriptionId: v.id };
  const recovering =
    (v.status === 'Expired' || v.status === 'Disabled') &&
    !v.takeoverInProgress &&
    billing.ownCard === true;
  const actions: CardJson[] = active
    ? [
        ...(v.freeLicenses > 0 ? [action(t.t('action.assign'), 'licenses.assignForm', id)] : []),
        ...(v.kind === 'Paid' ? [action(t.t('action.changeQuantity'), 'quantity.form', id)] : []),
        ...(v.card ? [action(t.t('action.updateCard'), 'card.form', id)] : []),
        action(t.t('action.cancelSubscription'), 'cancel.preview', id, { style: 'destructive' }),
      ]
    : recovering
      ? [
          ...(billing.unpaid ? payActions(t, billing.unpaid) : []),
          ...(v.card ? [action(t.t('action.updateCard'), 'card.form', id)] : []),
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
