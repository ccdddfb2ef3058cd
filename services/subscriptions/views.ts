// What people are shown of a subscription: the §4.1 fields, with names resolved from the directory.

import type { Directory } from '../directory/directory.js';
import type { Cents } from '../money.js';
import {
  freeLicenses,
  inCancellationWindow,
  windowClosesAt,
  type Order,
  type SubscriptionKind,
  type SubscriptionRecord,
  type SubscriptionStatus,
} from './model.js';

/** A person as shown in a list. */
export interface PersonView {
  readonly userId: string;
  readonly displayName: string;
  readonly upn?: string;
  /** True when the account is disabled or deleted (a buyer who left, §4.6). */
  readonly left: boolean;
}

/** One subscription as a buyer or an admin sees it. */
export interface SubscriptionView {
  readonly id: string;
  readonly productId: string;
  readonly productName: string;
  readonly channel: 'SelfService' | 'Central';
  readonly kind: SubscriptionKind;
  readonly status: SubscriptionStatus;
  readonly purchaser?: PersonView;
  readonly quantity: number;
  readonly freeLicenses: number;
  readonly assignedUsers: readonly PersonView[];
  readonly startDate: string;
  readonly expirationDate: string;
  /** The next renewal, when recurring billing is on. */
  readonly renewalDate?: string;
  readonly recurringBilling: boolean;
  readonly unitPriceCents: Cents;
  /** What one term costs at the current quantity. */
  readonly termPriceCents: Cents;
  readonly card?: { readonly brand: string; readonly last4: string; readonly expiry: string };
  readonly inCancellationWindow: boolean;
  readonly windowClosesAt: string;
  readonly pendingQuantityAtRenewal?: number;
  readonly orders: readonly Order[];
  readonly takeoverInProgress: boolean;
}

/** Builds the view, looking up every person once. */
export async function viewSubscription(
  sub: SubscriptionRecord,
  directory: Directory,
  now: Date,
  people: Map<string, PersonView> = new Map(),
): Promise<SubscriptionView> {
  const person = async (userId: string): Promise<PersonView> => {
    const cached = people.get(userId);
    if (cached) return cached;
    const user = await directory.getUser(sub.tenantId, userId);
    const view: PersonView = user
      ? {
          userId,
          displayName: user.displayName,
          upn: user.upn,
          left: user.deleted || !user.accountEnabled,
        }
      : { userId, displayName: userId, left: true };
    people.set(userId, view);
    return view;
  };
  const card = sub.paymentMethod;
  return {
    id: sub.id,
    productId: sub.productId,
    productName: sub.productName,
    channel: sub.channel,
    kind: sub.kind,
    status: sub.status,
    purchaser: sub.purchaserUserId ? await person(sub.purchaserUserId) : undefined,
    quantity: sub.quantity,
    freeLicenses: freeLicenses(sub),
    assignedUsers: await Promise.all(sub.assignedUserIds.map(person)),
    startDate: sub.startDate,
    expirationDate: sub.expirationDate,
    renewalDate: sub.recurringBilling && sub.status === 'Active' ? sub.expirationDate : undefined,
    recurringBilling: sub.recurringBilling,
    unitPriceCents: sub.unitPriceCents,
    termPriceCents: sub.unitPriceCents * sub.quantity,
    card: card && {
      brand: card.brand,
      last4: card.last4,
      expiry: `${String(card.expiryMonth).padStart(2, '0')}/${card.expiryYear}`,
    },
    inCancellationWindow: inCancellationWindow(sub, now),
    windowClosesAt: windowClosesAt(sub),
    pendingQuantityAtRenewal: sub.pendingQuantityAtRenewal,
    orders: sub.orders,
    takeoverInProgress: sub.takeover?.state === 'moving',
  };
}
