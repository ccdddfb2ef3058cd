// What each subscription change does to the record once its money has moved (S-10, S-11, S-24, §3.3, §4.5).

import { addMonths } from '../money.js';
import { makeEvent } from '../notifications/eventFactory.js';
import type { NotificationEvent, NotificationKind } from '../notifications/events.js';
import type { Transaction } from '../payments/paymentProvider.js';
import type { Facts } from '../result.js';
import type { Applier } from './changeRunner.js';
import {
  voidUnpaid,
  type Invoice,
  type Order,
  type PendingOperation,
  type SubscriptionRecord,
} from './model.js';

function str(op: PendingOperation, name: string): string {
  const value = op.params[name];
  if (typeof value !== 'string') throw new Error(`${op.type} needs the text parameter ${name}`);
  return value;
}

function num(op: PendingOperation, name: string): number {
  const value = op.params[name];
  if (typeof value !== 'number') throw new Error(`${op.type} needs the number parameter ${name}`);
  return value;
}

function order(
  op: PendingOperation,
  now: Date,
  quantityDelta: number,
  effectiveAt?: string,
): Order {
  return {
    id: str(op, 'orderId'),
    at: now.toISOString(),
    type: op.type === 'PayInvoice' ? 'Renewal' : op.type,
    quantityDelta,
    amountCents: op.amountCents,
    byUserId: op.byUserId,
    effectiveAt,
  };
}

function invoice(
  op: PendingOperation,
  now: Date,
  transaction: Transaction | undefined,
  periodStart: string,
  periodEnd: string,
): Invoice[] {
  if (op.amountCents === 0) return [];
  const at = now.toISOString();
  return [
    {
      id: `INV-${str(op, 'orderId')}`,
      orderId: str(op, 'orderId'),
      at,
      amountCents: op.amountCents,
      status: op.amountCents > 0 ? 'Paid' : 'Credited',
      periodStart,
      periodEnd,
      transactionId: transaction?.id,
      paidAt: at,
    },
  ];
}

/** The buyer's copy of what happened (S-9); nothing for central subscriptions, which have no buyer. */
function toBuyer(
  sub: SubscriptionRecord,
  kind: NotificationKind,
  op: PendingOperation,
  facts: Facts,
  now: Date,
): NotificationEvent[] {
  if (!sub.purchaserUserId) return [];
  return [
    makeEvent(
      {
        kind,
        tenantId: sub.tenantId,
        recipientUserId: sub.purchaserUserId,
        subjectId: sub.id,
        occurrence: op.opId,
        facts: { productName: sub.productName, productId: sub.productId, ...facts },
      },
      now,
    ),
  ];
}

const addLicenses: Applier = (sub, op, transaction, now) => {
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
    outcome: {
      opId: op.opId,
      type: op.type,
      orderId: str(op, 'orderId'),
      amountCents: op.amountCents,
      facts,
    },
    events: toBuyer(sub, 'BuyerLicensesChanged', op, facts, now),
  };
};

const removeLicenses: Applier = (sub, op, transaction, now) => {
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
    outcome: {
      opId: op.opId,
      type: op.type,
      orderId: str(op, 'orderId'),
      amountCents: op.amountCents,
      facts,
    },
    events: toBuyer(sub, 'BuyerLicensesChanged', op, facts, now),
  };
};

/** Within the window: credit and Disabled at once. After it: recurring billing off, Active until the end. */
const cancel: Applier = (sub, op, transaction, now) => {
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
    outcome: {
      opId: op.opId,
      type: op.type,
      orderId: str(op, 'orderId'),
      amountCents: op.amountCents,
      facts,
    },
    events: toBuyer(sub, 'BuyerCancelled', op, facts, now),
  };
};

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

/** S-24: a new term from the old end date, at the pending quantity, charged in full. */
const renewal: Applier = (sub, op, transaction, processedAt) => {
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
      ...nextTerm(sub, {
        start: termStart,
        end: termEnd,
        quantity,
        unitPriceCents: num(op, 'unitPriceCents'),
      }),
      orders: [...sub.orders, order(op, now, quantity - sub.quantity)],
      invoices: [...sub.invoices, ...invoice(op, now, transaction, termStart, termEnd)],
    },
    outcome: {
      opId: op.opId,
      type: op.type,
      orderId: str(op, 'orderId'),
      amountCents: op.amountCents,
      facts,
    },
    events: toBuyer(sub, converted ? 'BuyerTrialConverted' : 'BuyerRenewed', op, facts, now),
  };
};

/**
 * §3.3: an admin brings an Expired or Disabled subscription back; a new term starts now, and the unpaid invoice of
 * the renewal that failed is void (its term never comes).
 */
const reactivation: Applier = (sub, op, transaction, now) => {
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
      ...nextTerm(sub, {
        start: termStart,
        end: termEnd,
        quantity,
        unitPriceCents: num(op, 'unitPriceCents'),
      }),
      status: 'Active',
      statusChangedAt: termStart,
      recurringBilling: true,
      orders: [...sub.orders, order(op, now, quantity - sub.quantity)],
      invoices: [...voidUnpaid(sub.invoices), ...invoice(op, now, transaction, termStart, termEnd)],
    },
    outcome: {
      opId: op.opId,
      type: op.type,
      orderId: str(op, 'orderId'),
      amountCents: op.amountCents,
      facts,
    },
    events: toBuyer(sub, 'BuyerReactivated', op, facts, now),
  };
};

/**
 * Paying the unpaid invoice of a renewal that failed (the subscription went Expired at the end of its term): it starts
 * that term, at the licenses and price the invoice bills, and makes the subscription Active again. The buyer service
 * accepts no other unpaid invoice.
 */
const payInvoice: Applier = (sub, op, transaction, now) => {
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

/** §4.5: the admin's take-over ends the subscription as Deleted; unused whole days go back to the buyer. */
const takeOver: Applier = (sub, op, transaction, now) => {
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
    outcome: {
      opId: op.opId,
      type: op.type,
      orderId: str(op, 'orderId'),
      amountCents: op.amountCents,
      facts,
    },
    events: toBuyer(sub, 'BuyerTakenOver', op, facts, now),
  };
};

function unsupported(type: string): Applier {
  return () => {
    throw new Error(`${type} is not run through the change runner`);
  };
}

/** The applier of every operation type. */
export const APPLIERS: Readonly<Record<PendingOperation['type'], Applier>> = {
  New: unsupported('New'),
  AddLicenses: addLicenses,
  RemoveLicenses: removeLicenses,
  Cancel: cancel,
  TurnOffRecurringBilling: cancel,
  Renewal: renewal,
  TrialConversion: renewal,
  Reactivation: reactivation,
  PayInvoice: payInvoice,
  TakeOver: takeOver,
};
