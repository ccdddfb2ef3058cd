// The buyer's forms to change a subscription (§3.2): assign licenses, change the quantity, cancel.

import type { Attachment } from 'botbuilder';
import type { Localizer } from '../locales/localizer.js';
import type { User } from '../services/directory/directory.js';
import type { CancellationPreview } from '../services/subscriptions/buyerService.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import { formCard, messageCard } from './cardKit.js';
import { action, newActionId, plain, type CardJson } from './render.js';
import { subscriptionFacts } from './subscriptionCards.js';

/** The way back from a form to its subscription, without sending the form's inputs. */
function backTo(t: Localizer, subscriptionId: string): CardJson {
  return action(
    t.t('action.back'),
    'subscription.show',
    { subscriptionId },
    { associatedInputs: 'none' },
  );
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
