// The subscription a completed purchase or trial creates (§3.1, S-14, S-23), with the notifications it sends.

import type { Product } from '../catalog/products.js';
import { addDays, addMonths } from '../money.js';
import { eventsFor, makeEvent } from '../notifications/eventFactory.js';
import type { NotificationEvent } from '../notifications/events.js';
import type { Transaction } from '../payments/paymentProvider.js';
import type { Records } from '../store/records.js';
import { TRIAL_DAYS, type SubscriptionRecord } from './model.js';
import type { PurchaseIntent } from './purchaseIntents.js';

/** The new subscription, dated at the intent's confirmation, with the buyer's and the admins' notifications. */
export async function buildSubscription(
  records: Records,
  intent: PurchaseIntent,
  product: Product,
  transaction: Transaction | undefined,
): Promise<SubscriptionRecord> {
  const now = new Date(intent.createdAt);
  const trial = intent.kind !== 'Paid';
  const expiration = trial ? addDays(now, TRIAL_DAYS) : addMonths(now, 1);
  const assign = trial || intent.assignBuyer;
  const facts = {
    productId: product.productId,
    productName: product.name,
    purchaserUserId: intent.userId,
    purchaserName: intent.purchaserName,
    quantity: intent.quantity,
    unitPriceCents: intent.unitPriceCents,
    amountCents: intent.amountCents,
    orderId: intent.orderId,
    at: intent.createdAt,
    expirationDate: expiration.toISOString(),
    trialKind: intent.kind,
  };
  const spec = {
    tenantId: intent.tenantId,
    subjectId: intent.subscriptionId,
    occurrence: intent.orderId,
    facts,
  };
  const events: NotificationEvent[] = [
    makeEvent(
      {
        ...spec,
        kind: trial ? 'BuyerTrialStarted' : 'BuyerPurchaseConfirmed',
        recipientUserId: intent.userId,
      },
      now,
    ),
  ];
  if (trial) {
    events.push(...(await firstTrialEvents(records, intent, spec, now)));
  } else {
    events.push(...eventsFor(intent.adminIds, { ...spec, kind: 'AdminPurchaseCreated' }, now));
  }
  const iso = now.toISOString();
  return {
    id: intent.subscriptionId,
    tenantId: intent.tenantId,
    productId: product.productId,
    productName: product.name,
    channel: 'SelfService',
    kind: intent.kind,
    purchaserUserId: intent.userId,
    quantity: intent.quantity,
    assignedUserIds: assign ? [intent.userId] : [],
    status: 'Active',
    statusChangedAt: iso,
    startDate: iso,
    termStart: iso,
    expirationDate: expiration.toISOString(),
    termNumber: 1,
    windowAnchor: iso,
    recurringBilling: intent.kind !== 'TrialNoPayment',
    unitPriceCents: intent.unitPriceCents,
    paymentMethod: intent.card,
    orders: [
      {
        id: intent.orderId,
        at: iso,
        type: 'New',
        quantityDelta: intent.quantity,
        amountCents: intent.amountCents,
        byUserId: intent.userId,
      },
    ],
    invoices:
      intent.amountCents > 0
        ? [
            {
              id: `INV-${intent.orderId}`,
              orderId: intent.orderId,
              at: iso,
              amountCents: intent.amountCents,
              status: 'Paid',
              periodStart: iso,
              periodEnd: expiration.toISOString(),
              transactionId: transaction?.id,
              paidAt: iso,
            },
          ]
        : [],
    appliedOperations: [],
    outbox: events,
  };
}

/** S-23: Global admins hear about the first trial of each product in the tenant, once. */
async function firstTrialEvents(
  records: Records,
  intent: PurchaseIntent,
  spec: {
    tenantId: string;
    subjectId: string;
    occurrence: string;
    facts: Record<string, unknown>;
  },
  now: Date,
): Promise<NotificationEvent[]> {
  const flag = `trial-first:${intent.tenantId}:${intent.productId}`;
  await records.create(flag, intent.subscriptionId);
  if ((await records.read<string>(flag)) !== intent.subscriptionId) return [];
  return eventsFor(
    intent.adminIds,
    { ...spec, facts: spec.facts as NotificationEvent['facts'], kind: 'AdminFirstTrialStarted' },
    now,
  );
}
