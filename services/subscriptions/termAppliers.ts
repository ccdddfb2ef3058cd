// Changes that start a paid term (S-11, S-14, S-24, §3.3): renewal, trial conversion, reactivation, and paying the
// invoice of a renewal that failed.

import { addMonths } from '../money.js';
import type { Applier } from './changeRunner.js';
import { invoice, num, order, outcome, str, toBuyer } from './applierParts.js';
import { voidUnpaid, type PendingOperation, type SubscriptionRecord } from './model.js';

/**
 * What starting a paid term changes, whichever way it starts (renewal, paying a failed renewal's invoice,
 * reactivation): a trial with a card becomes a paid subscription, the quantity and unit price become the term's, a
 * reduction scheduled for the renewal is used up, and the 7-day window opens again (S-11, S-14, S-24).
 */
function nextTerm(
  sub: SubscriptionRecord,
  term: { start: string; end: string; quantity: number; unitPriceCents: number },
): Partial<SubscriptionRecord> {
  return {
    kind: sub.kind === 'TrialWithPayment' ? 'Paid' : sub.kind,
    quantity: term.quantity,
    unitPriceCents: term.unitPriceCents,
    termStart: term.start,
    expirationDate: term.end,
    termNumber: sub.termNumber + 1,
    windowAnchor: term.start,
    pendingQuantityAtRenewal: undefined,
  };
}

/** The term a renewal or reactivation starts, at the quantity and unit price the operation was charged for. */
function pricedTerm(
  op: PendingOperation,
  start: string,
  end: string,
): { start: string; end: string; quantity: number; unitPriceCents: number } {
  return { start, end, quantity: num(op, 'quantity'), unitPriceCents: num(op, 'unitPriceCents') };
}

/** S-24: a new term from the old end date, at the pending quantity, charged in full. */
export const renewal: Applier = (sub, op, transaction, processedAt) => {
  const termStart = sub.expirationDate;
  // Dated at the renewal itself, even when a late lifecycle pass catches up on it.
  const now = new Date(Math.min(processedAt.getTime(), Date.parse(termStart)));
  const termEnd = addMonths(new Date(termStart), 1).toISOString();
  const quantity = num(op, 'quantity');
  const facts = {
    quantity,
    amountCents: op.amountCents,
    expirationDate: termEnd,
    orderId: str(op, 'orderId'),
  };
  const converted = sub.kind === 'TrialWithPayment';
  return {
    next: {
      ...sub,
      ...nextTerm(sub, pricedTerm(op, termStart, termEnd)),
      orders: [...sub.orders, order(op, now, quantity - sub.quantity)],
      invoices: [...sub.invoices, ...invoice(op, now, transaction, termStart, termEnd)],
    },
    outcome: outcome(op, facts),
    events: toBuyer(sub, converted ? 'BuyerTrialConverted' : 'BuyerRenewed', op, facts, now),
  };
};

/**
 * §3.3: an admin brings an Expired or Disabled subscription back; a new term starts now, and the unpaid invoice of
 * the renewal that failed is void (its term never comes).
 */
export const reactivation: Applier = (sub, op, transaction, now) => {
  const termStart = now.toISOString();
  const termEnd = addMonths(now, 1).toISOString();
  const quantity = num(op, 'quantity');
  const facts = {
    byName: str(op, 'byName'),
    amountCents: op.amountCents,
    expirationDate: termEnd,
    orderId: str(op, 'orderId'),
  };
  return {
    next: {
      ...sub,
      ...nextTerm(sub, pricedTerm(op, termStart, termEnd)),
      status: 'Active',
      statusChangedAt: termStart,
      recurringBilling: true,
      orders: [...sub.orders, order(op, now, quantity - sub.quantity)],
      invoices: [...voidUnpaid(sub.invoices), ...invoice(op, now, transaction, termStart, termEnd)],
    },
    outcome: outcome(op, facts),
    events: toBuyer(sub, 'BuyerReactivated', op, facts, now),
  };
};

/**
 * Paying the unpaid invoice of a renewal that failed (the subscription went Expired at the end of its term): it starts
 * that term, at the licenses and price the invoice bills, and makes the subscription Active again. The buyer service
 * accepts no other unpaid invoice.
 */
export const payInvoice: Applier = (sub, op, transaction, now) => {
  const invoiceId = str(op, 'invoiceId');
  const target = sub.invoices.find((i) => i.id === invoiceId);
  if (!target) throw new Error(`Invoice ${invoiceId} is not on ${sub.id}`);
  if (sub.status !== 'Expired' || target.periodStart !== sub.expirationDate)
    throw new Error(`Invoice ${invoiceId} no longer renews ${sub.id}`);
  const at = now.toISOString();
  const quantity = target.quantity ?? sub.pendingQuantityAtRenewal ?? sub.quantity;
  const facts = { invoiceId, amountCents: op.amountCents, reactivated: true };
  return {
    next: {
      ...sub,
      ...nextTerm(sub, {
        start: target.periodStart,
        end: target.periodEnd,
        quantity,
        unitPriceCents: target.unitPriceCents ?? sub.unitPriceCents,
      }),
      status: 'Active',
      statusChangedAt: at,
      recurringBilling: true,
      // Paid with another card: that card bills the subscription from now on.
      paymentMethod: op.card ?? sub.paymentMethod,
      orders: [
        ...sub.orders,
        {
          id: target.orderId,
          at,
          type: 'Renewal',
          quantityDelta: quantity - sub.quantity,
          amountCents: op.amountCents,
          byUserId: op.byUserId,
        },
      ],
      invoices: sub.invoices.map((i) =>
        i.id === invoiceId
          ? { ...i, status: 'Paid' as const, paidAt: at, transactionId: transaction?.id }
          : i,
      ),
    },
    outcome: { opId: op.opId, type: op.type, amountCents: op.amountCents, facts },
    events: [],
  };
};
