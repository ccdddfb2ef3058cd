// Notification events the domain emits (S-9, S-23, §4.3): what happened, for whom, with the facts to word it.

import type { Facts } from '../result.js';

export const NOTIFICATION_KINDS = [
  /** To every Global and Billing admin, once per new self-service purchase (S-23). */
  'AdminPurchaseCreated',
  /** To every Global admin, for the first self-service trial of a product in the tenant (S-23). */
  'AdminFirstTrialStarted',
  /** To the buyer (S-9). */
  'BuyerPurchaseConfirmed',
  'BuyerTrialStarted',
  'BuyerLicensesChanged',
  'BuyerCancelled',
  'BuyerTakenOver',
  'BuyerRenewed',
  'BuyerPaymentFailed',
  'BuyerTrialConverted',
  'BuyerReactivated',
  /** To the buyer, from the lifecycle job (§3.3): a trial or subscription ended, lost access, was deleted. */
  'BuyerTrialEnded',
  'BuyerExpired',
  'BuyerDisabled',
  'BuyerDeleted',
  /** To the buyer, once per trial with a card, a few days before it becomes paid (S-14). */
  'BuyerTrialEndingSoon',
  /** To the requester of a license request (§4.3). */
  'LicenseRequestDecided',
  /** To a License or User admin: a new request waits (so it is seen without polling). */
  'AdminLicenseRequested',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One message for one person. `id` is deterministic, so emitting the same event twice stores it once. */
export interface NotificationEvent {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly tenantId: string;
  readonly recipientUserId: string;
  readonly createdAt: string;
  /** Subscription, request or order this is about, so a card can offer actions on it. */
  readonly subjectId: string;
  readonly facts: Facts;
}

/** Records that can carry events not yet handed to the outbox (the transactional-outbox half in each record). */
export interface EmitsEvents {
  readonly outbox?: readonly NotificationEvent[];
}
