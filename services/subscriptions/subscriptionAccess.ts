// Who may act on one subscription: the "own" cells of the §1.2 matrix, and what an admin is told instead.

import type { Actor } from '../access/actor.js';
import { can } from '../access/permissions.js';
import { ok, refuse, type Result } from '../result.js';
import type { SubscriptionRecord } from './model.js';

/** Buyer actions on a subscription. */
export type SubscriptionAction =
  'view' | 'manageLicenses' | 'changeQuantity' | 'billing' | 'cancel';

/** Actions an admin may do only after taking the subscription over (§1.2 "take over first"). */
const TAKEOVER_FIRST: readonly SubscriptionAction[] = [
  'manageLicenses',
  'changeQuantity',
  'cancel',
];

/**
 * Lets the buyer act on their own self-service subscription. A subscription of another tenant is "not found"
 * (forged card data learns nothing); admins who could take it over are told so; everyone else is not the owner.
 */
export function checkSubscriptionAccess(
  actor: Actor,
  sub: SubscriptionRecord | undefined,
  subscriptionId: string,
  action: SubscriptionAction,
): Result<SubscriptionRecord> {
  if (!sub || sub.tenantId !== actor.tenant.id) {
    return refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId });
  }
  const owner =
    actor.kind !== 'partner' &&
    sub.channel === 'SelfService' &&
    sub.purchaserUserId === actor.user.id;
  if (owner) return ok(sub);
  if (action === 'view' && can(actor, 'viewAllPurchases')) return ok(sub);
  const facts = { subscriptionId, productName: sub.productName, channel: sub.channel };
  if (sub.channel === 'SelfService' && TAKEOVER_FIRST.includes(action) && can(actor, 'takeOver')) {
    return refuse('TAKEOVER_REQUIRED', facts);
  }
  return refuse('NOT_SUBSCRIPTION_OWNER', facts);
}

/** Buyer changes need an Active subscription that no admin is taking over. */
export function checkActive(sub: SubscriptionRecord): Result<SubscriptionRecord> {
  if (sub.takeover?.state === 'moving') {
    return refuse('TAKEOVER_IN_PROGRESS', { subscriptionId: sub.id, productName: sub.productName });
  }
  if (sub.status !== 'Active') {
    return refuse('SUBSCRIPTION_NOT_ACTIVE', {
      subscriptionId: sub.id,
      productName: sub.productName,
      status: sub.status,
    });
  }
  return ok(sub);
}
