// Changes that end a subscription or its renewals (§4.5, S-11): cancellation, turning recurring billing off, and the
// admin's take-over.

import type { Applier } from './changeRunner.js';
import { invoice, order, outcome, str, toBuyer } from './applierParts.js';
import type { SubscriptionRecord } from './model.js';

/** Within the window: credit and Disabled at once. After it: recurring billing off, Active until the end. */
export const cancel: Applier = (sub, op, transaction, now) => {
  const immediate = op.params.immediate === true;
  const facts = {
    refundCents: -op.amountCents,
    status: immediate ? 'Disabled' : 'Active',
    activeUntil: immediate ? now.toISOString() : sub.expirationDate,
    orderId: str(op, 'orderId'),
  };
  const next: SubscriptionRecord = immediate
    ? {
        ...sub,
        status: 'Disabled',
        statusChangedAt: now.toISOString(),
        recurringBilling: false,
        pendingQuantityAtRenewal: undefined,
        orders: [...sub.orders, order(op, now, 0)],
        invoices: [
          ...sub.invoices,
          ...invoice(op, now, transaction, now.toISOString(), sub.expirationDate),
        ],
      }
    : {
        ...sub,
        recurringBilling: false,
        orders: [...sub.orders, { ...order(op, now, 0), type: 'TurnOffRecurringBilling' }],
      };
  return {
    next,
    outcome: outcome(op, facts),
    events: toBuyer(sub, 'BuyerCancelled', op, facts, now),
  };
};

/** §4.5: the admin's take-over ends the subscription as Deleted; unused whole days go back to the buyer. */
export const takeOver: Applier = (sub, op, transaction, now) => {
  const at = now.toISOString();
  const facts = {
    action: str(op, 'action'),
    byName: str(op, 'byName'),
    reason: typeof op.params.reason === 'string' ? op.params.reason : undefined,
    targetName: typeof op.params.targetName === 'string' ? op.params.targetName : undefined,
    movedUsers: sub.takeover?.userIds.length ?? 0,
    refundCents: -op.amountCents,
    orderId: str(op, 'orderId'),
  };
  return {
    next: {
      ...sub,
      status: 'Deleted',
      statusChangedAt: at,
      recurringBilling: false,
      assignedUserIds: [],
      pendingQuantityAtRenewal: undefined,
      takeover: sub.takeover && { ...sub.takeover, state: 'done' },
      orders: [...sub.orders, order(op, now, -sub.quantity)],
      invoices: [...sub.invoices, ...invoice(op, now, transaction, at, sub.expirationDate)],
    },
    outcome: outcome(op, facts),
    events: toBuyer(sub, 'BuyerTakenOver', op, facts, now),
  };
};
