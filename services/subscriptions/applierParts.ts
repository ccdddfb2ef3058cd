// The pieces every applier builds a change from: the operation's parameters, its order and invoice, the outcome the
// caller sees, and the buyer's notification (S-9).

import { makeEvent } from '../notifications/eventFactory.js';
import type { NotificationEvent, NotificationKind } from '../notifications/events.js';
import type { Transaction } from '../payments/paymentProvider.js';
import type { Facts } from '../result.js';
import type {
  Invoice,
  OperationOutcome,
  Order,
  PendingOperation,
  SubscriptionRecord,
} from './model.js';

export function str(op: PendingOperation, name: string): string {
  const value = op.params[name];
  if (typeof value !== 'string') throw new Error(`${op.type} needs the text parameter ${name}`);
  return value;
}

export function num(op: PendingOperation, name: string): number {
  const value = op.params[name];
  if (typeof value !== 'number') throw new Error(`${op.type} needs the number parameter ${name}`);
  return value;
}

export function order(
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

export function invoice(
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

/** The buyer's event about the subscription (none for one without a buyer), with an id fixed by `occurrence`. */
export function buyerEvent(
  sub: SubscriptionRecord,
  kind: NotificationKind,
  occurrence: string,
  now: Date,
  facts: Facts,
): NotificationEvent[] {
  if (!sub.purchaserUserId) return [];
  return [
    makeEvent(
      {
        kind,
        tenantId: sub.tenantId,
        recipientUserId: sub.purchaserUserId,
        subjectId: sub.id,
        occurrence,
        facts: { productName: sub.productName, productId: sub.productId, ...facts },
      },
      now,
    ),
  ];
}

/** The buyer's copy of what an operation did (S-9); nothing for central subscriptions, which have no buyer. */
export function toBuyer(
  sub: SubscriptionRecord,
  kind: NotificationKind,
  op: PendingOperation,
  facts: Facts,
  now: Date,
): NotificationEvent[] {
  return buyerEvent(sub, kind, op.opId, now, facts);
}

/** The outcome of an operation that placed an order: its id, amount and facts. */
export function outcome(op: PendingOperation, facts: Facts): OperationOutcome {
  return {
    opId: op.opId,
    type: op.type,
    orderId: str(op, 'orderId'),
    amountCents: op.amountCents,
    facts,
  };
}
