// The subscription record and its parts (domain.md §0, §3), plus the pure rules that read them.

import { MS_PER_DAY } from '../clock.js';
import type { Cents } from '../money.js';
import type { EmitsEvents } from '../notifications/events.js';
import type { Facts } from '../result.js';

export type SubscriptionStatus = 'Active' | 'Expired' | 'Disabled' | 'Deleted';
export type SubscriptionKind = 'Paid' | 'TrialNoPayment' | 'TrialWithPayment';
export type OrderType =
  | 'New'
  | 'AddLicenses'
  | 'RemoveLicenses'
  | 'Cancel'
  | 'Renewal'
  | 'TurnOffRecurringBilling'
  | 'TrialConversion'
  | 'Reactivation'
  | 'TakeOver';

/** One billing event of a subscription; amounts are positive for charges and negative for credits. */
export interface Order {
  readonly id: string;
  readonly at: string;
  readonly type: OrderType;
  readonly quantityDelta: number;
  readonly amountCents: Cents;
  readonly byUserId: string;
  /** For changes that wait for the next renewal (removal outside the 7-day window). */
  readonly effectiveAt?: string;
}

/** An invoice or credit note; one per order that moved money. */
export interface Invoice {
  readonly id: string;
  readonly orderId: string;
  readonly at: string;
  readonly amountCents: Cents;
  /** `Void`: an unpaid renewal that will never be paid (an admin reactivated the subscription, or it was deleted). */
  readonly status: 'Paid' | 'Unpaid' | 'Credited' | 'Void';
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly transactionId?: string;
  readonly paidAt?: string;
  /** An unpaid renewal's term: the licenses and the unit price it bills, which paying it starts (S-24). */
  readonly quantity?: number;
  readonly unitPriceCents?: Cents;
}

/** Unpaid invoices made void: their term was replaced (reactivation) or will never come (deletion). */
export function voidUnpaid(invoices: readonly Invoice[]): Invoice[] {
  return invoices.map((i) => (i.status === 'Unpaid' ? { ...i, status: 'Void' as const } : i));
}

/** The card a subscription bills: the provider's token and what may be shown of the card. */
export interface SubscriptionCard {
  readonly cardId: string;
  readonly token: string;
  readonly brand: string;
  readonly kind: 'CreditCard' | 'DebitCard';
  readonly last4: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly holder: string;
}

/** A change that moves money, written before the money moves so that a crash can be finished or undone. */
export interface PendingOperation {
  readonly opId: string;
  readonly type: OrderType | 'PayInvoice';
  /** Positive: charge the card; negative: refund; zero: no money. */
  readonly amountCents: Cents;
  readonly byUserId: string;
  readonly createdAt: string;
  readonly params: Facts;
  /**
   * The card to charge instead of the subscription's (paying an invoice with another card); it becomes the
   * subscription's card only when the charge succeeded, so a declined card never replaces a working one.
   */
  readonly card?: SubscriptionCard;
}

/** The outcome of an operation, kept so a repeated click is told what already happened. */
export interface OperationOutcome {
  readonly opId: string;
  readonly type: PendingOperation['type'] | 'Assign' | 'Unassign';
  readonly orderId?: string;
  readonly amountCents?: Cents;
  readonly facts: Facts;
}

/** What an admin take-over is doing (claim, act, complete), so two admins cannot take over twice. */
export interface TakeoverState {
  readonly opId: string;
  readonly state: 'moving' | 'done';
  readonly action: 'moveUsers' | 'cancel';
  readonly targetSubscriptionId?: string;
  readonly userIds: readonly string[];
  readonly byUserId: string;
  readonly byName: string;
  readonly byTenantId: string;
  readonly reason?: string;
  readonly at: string;
}

/** A self-service (or central) subscription, with its orders and invoices inside it. */
export interface SubscriptionRecord extends EmitsEvents {
  readonly id: string;
  readonly tenantId: string;
  readonly productId: string;
  readonly productName: string;
  readonly channel: 'SelfService' | 'Central';
  readonly kind: SubscriptionKind;
  readonly purchaserUserId?: string;
  readonly quantity: number;
  readonly assignedUserIds: readonly string[];
  readonly status: SubscriptionStatus;
  readonly statusChangedAt: string;
  readonly startDate: string;
  readonly termStart: string;
  readonly expirationDate: string;
  readonly termNumber: number;
  /** Start of the current 7-day window: the start, the last renewal or the last license addition (S-11). */
  readonly windowAnchor: string;
  readonly recurringBilling: boolean;
  readonly unitPriceCents: Cents;
  readonly paymentMethod?: SubscriptionCard;
  readonly orders: readonly Order[];
  readonly invoices: readonly Invoice[];
  readonly pendingQuantityAtRenewal?: number;
  readonly pendingOperation?: PendingOperation;
  readonly appliedOperations: readonly OperationOutcome[];
  readonly takeover?: TakeoverState;
  /** The conversion date a trial with a card was reminded of, so the reminder is sent once per trial. */
  readonly conversionReminderFor?: string;
}

/** How many applied operations a record remembers for repeated clicks. */
export const REMEMBERED_OPERATIONS = 100;
/** S-11: strictly less than 7 × 24 hours. */
export const WINDOW_MS = 7 * MS_PER_DAY;
/** S-14. */
export const TRIAL_DAYS = 30;
/** How many days before a trial with a card becomes paid its buyer is reminded. */
export const CONVERSION_REMINDER_DAYS = 3;
/** S-25. */
export const EXPIRED_DAYS = 30;
export const DISABLED_DAYS = 90;

export const subscriptionKey = (id: string): string => `sub:${id}`;

/** True while the 7-day window for immediate removal and cancellation with credit is open. */
export function inCancellationWindow(sub: SubscriptionRecord, now: Date): boolean {
  return now.getTime() - Date.parse(sub.windowAnchor) < WINDOW_MS;
}

/** When the window closes. */
export function windowClosesAt(sub: SubscriptionRecord): string {
  return new Date(Date.parse(sub.windowAnchor) + WINDOW_MS).toISOString();
}

/** Unassigned licenses. */
export function freeLicenses(sub: SubscriptionRecord): number {
  return sub.quantity - sub.assignedUserIds.length;
}

/** Users keep access while Active or Expired (S-25). */
export function grantsAccess(sub: SubscriptionRecord): boolean {
  return sub.status === 'Active' || sub.status === 'Expired';
}

/** Records an applied operation, forgetting the oldest beyond the limit. */
export function remember(
  applied: readonly OperationOutcome[],
  outcome: OperationOutcome,
): OperationOutcome[] {
  return [...applied, outcome].slice(-REMEMBERED_OPERATIONS);
}

/** The outcome stored for an operation id, if it was applied already. */
export function appliedOutcome(
  sub: SubscriptionRecord,
  opId: string,
): OperationOutcome | undefined {
  return sub.appliedOperations.find((o) => o.opId === opId);
}
