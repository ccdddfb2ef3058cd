// Buying and removing licenses (S-10): now, or (a reduction) at the renewal.

import type { Applier } from './changeRunner.js';
import { invoice, num, order, outcome, str, toBuyer } from './applierParts.js';
import type { SubscriptionRecord } from './model.js';

export const addLicenses: Applier = (sub, op, transaction, now) => {
  const delta = num(op, 'delta');
  const quantity = sub.quantity + delta;
  const facts = {
    delta,
    quantity,
    amountCents: op.amountCents,
    orderId: str(op, 'orderId'),
    effective: 'now',
  };
  return {
    next: {
      ...sub,
      quantity,
      // Buying more supersedes a reduction scheduled for the renewal.
      pendingQuantityAtRenewal: undefined,
      windowAnchor: now.toISOString(),
      orders: [...sub.orders, order(op, now, delta)],
      invoices: [
        ...sub.invoices,
        ...invoice(op, now, transaction, now.toISOString(), sub.expirationDate),
      ],
    },
    outcome: outcome(op, facts),
    events: toBuyer(sub, 'BuyerLicensesChanged', op, facts, now),
  };
};

export const removeLicenses: Applier = (sub, op, transaction, now) => {
  const delta = num(op, 'delta');
  const quantity = sub.quantity + delta;
  const immediate = op.params.immediate === true;
  const facts = {
    delta,
    quantity,
    amountCents: op.amountCents,
    orderId: str(op, 'orderId'),
    effective: immediate ? 'now' : 'renewal',
    effectiveAt: immediate ? now.toISOString() : sub.expirationDate,
  };
  const next: SubscriptionRecord = immediate
    ? {
        ...sub,
        quantity,
        pendingQuantityAtRenewal: undefined,
        orders: [...sub.orders, order(op, now, delta)],
        invoices: [
          ...sub.invoices,
          ...invoice(op, now, transaction, now.toISOString(), sub.expirationDate),
        ],
      }
    : {
        ...sub,
        pendingQuantityAtRenewal: quantity,
        orders: [...sub.orders, order(op, now, delta, sub.expirationDate)],
      };
  return {
    next,
    outcome: outcome(op, facts),
    events: toBuyer(sub, 'BuyerLicensesChanged', op, facts, now),
  };
};
