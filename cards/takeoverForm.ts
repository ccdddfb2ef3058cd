// The admin's take-over form (§4.5): move a self-service purchase's users to a central subscription, or cancel it.

import type { Attachment } from 'botbuilder';
import type { Localizer } from '../locales/localizer.js';
import type { AdminSubscriptionView } from '../services/admin/purchasesOverview.js';
import { formCard } from './cardKit.js';
import { action, newActionId, plain } from './render.js';
import { subscriptionFacts } from './subscriptionCards.js';

/** Take over: move the users to a central subscription with room for them, or cancel with a reason (§4.5). */
export function takeoverForm(
  t: Localizer,
  v: AdminSubscriptionView,
  tenantId: string,
  central: readonly AdminSubscriptionView[],
  fromNotification?: true,
): Attachment {
  const id = { tenantId, subscriptionId: v.id, ...(fromNotification ? { fromNotification } : {}) };
  const targets = centralTargets(central, v.productId);
  return formCard({
    title: t.t('takeover.title', {
      product: v.productName,
      purchaser: plain(v.purchaser?.displayName ?? ''),
    }),
    text: t.t('takeover.text', { count: v.assignedUsers.length }),
    facts: subscriptionFacts(t, v).slice(0, 4),
    choiceSets: targets.length
      ? [
          {
            id: 'target',
            label: t.t('takeover.target'),
            choices: targets.map((c) => ({
              title: t.t('takeover.targetChoice', { product: c.productName, free: c.freeLicenses }),
              value: c.id,
            })),
            // Only a subscription of the same product is a sensible guess; otherwise the admin chooses.
            value: targets.find((c) => c.productId === v.productId)?.id,
            errorMessage: t.t('takeover.targetError'),
          },
        ]
      : [],
    texts: [
      {
        id: 'reason',
        label: t.t('takeover.reason'),
        placeholder: t.t('takeover.reasonPlaceholder'),
        maxLength: 300,
        errorMessage: t.t('takeover.reasonError'),
      },
    ],
    note: t.t('takeover.note'),
    actions: [
      ...(targets.length
        ? [
            action(
              t.t('action.moveUsers'),
              'takeover.move',
              { ...id, actionId: newActionId() },
              { style: 'positive' },
            ),
          ]
        : []),
      action(
        t.t('action.cancelWithReason'),
        'takeover.cancel',
        { ...id, actionId: newActionId() },
        { style: 'destructive' },
      ),
    ],
  });
}

/** The active central subscriptions to move users to, those of the same product first. */
export function centralTargets<T extends { status: string; productId: string }>(
  central: readonly T[],
  productId: string,
): T[] {
  const active = central.filter((c) => c.status === 'Active');
  return [
    ...active.filter((c) => c.productId === productId),
    ...active.filter((c) => c.productId !== productId),
  ];
}
