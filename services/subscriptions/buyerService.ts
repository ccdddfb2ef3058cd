// What a buyer does after purchase (§3.2): see purchases, buy more, remove, cancel, invoices and card.

import { resolveActor, type Actor, type Caller } from '../access/actor.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../directory/directory.js';
import { MAX_QUANTITY, MIN_QUANTITY } from '../eligibility/eligibility.js';
import { addMonths, proratedCredit, type Cents } from '../money.js';
import type { PaymentMethods, SavedCard } from '../payments/paymentMethods.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { ChangeOutcome, ChangeRunner } from './changeRunner.js';
import {
  inCancellationWindow,
  subscriptionKey,
  windowClosesAt,
  type Invoice,
  type SubscriptionCard,
  type SubscriptionRecord,
} from './model.js';
import {
  checkActive,
  checkSubscriptionAccess,
  type SubscriptionAction,
} from './subscriptionAccess.js';
import type { SubscriptionRepository } from './subscriptionRepository.js';
import { viewSubscription, type SubscriptionView } from './views.js';

/** What cancelling now would do, spelled out before the buyer confirms. */
export interface CancellationPreview {
  readonly subscriptionId: string;
  readonly productName: string;
  readonly immediate: boolean;
  readonly refundCents: Cents;
  readonly activeUntil: string;
  readonly windowClosesAt: string;
}

/** An invoice with the subscription it belongs to. */
export interface InvoiceView extends Invoice {
  readonly subscriptionId: string;
  readonly productName: string;
}

/** The period of the invoice list: the default past 3 months, 6 months, or a date range (§3.2). */
export type InvoicePeriod =
  { readonly months: 3 | 6 } | { readonly from: string; readonly to: string };

/** The buyer's limited admin view, as operations. */
export class BuyerService {
  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly runner: ChangeRunner,
    private readonly paymentMethods: PaymentMethods,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  /** The caller's own self-service subscriptions and trials, nothing else (§1.2 notes). */
  async myPurchases(caller: Caller): Promise<Result<SubscriptionView[]>> {
    const actor = await resolveActor(this.directory, caller);
    if (!actor.ok) return actor;
    const subs = await this.repository.listByTenant(caller.tenantId);
    const own = subs.filter(
      (s) => s.channel === 'SelfService' && s.purchaserUserId === caller.userId,
    );
    const now = this.clock.now();
    return ok(await Promise.all(own.map((s) => viewSubscription(s, this.directory, now))));
  }

  /** One subscription, for its owner or an admin who may view purchases. */
  async subscription(caller: Caller, subscriptionId: string): Promise<Result<SubscriptionView>> {
    const access = await this.access(caller, subscriptionId, 'view');
    if (!access.ok) return access;
    return ok(await viewSubscription(access.value.sub, this.directory, this.clock.now()));
  }

  /**
   * Sets a new total quantity. More: charged now for the added licenses (S-10). Fewer: not below the assigned
   * count; within the 7-day window at once with credit, otherwise at the next renewal (S-11).
   */
  async changeQuantity(
    caller: Caller,
    subscriptionId: string,
    newQuantity: number,
    opId: string,
  ): Promise<Result<ChangeOutcome>> {
    if (
      !Number.isInteger(newQuantity) ||
      newQuantity < MIN_QUANTITY ||
      newQuantity > MAX_QUANTITY
    ) {
      return refuse('INVALID_QUANTITY', {
        quantity: String(newQuantity),
        min: MIN_QUANTITY,
        max: MAX_QUANTITY,
      });
    }
    const access = await this.access(caller, subscriptionId, 'changeQuantity');
    if (!access.ok) return access;
    const orderId = await this.repository.nextOrderId();
    const now = this.clock.now();
    return this.runner.run(subscriptionId, opId, (sub) => {
      const active = checkActive(sub);
      if (!active.ok) return active;
      if (sub.kind !== 'Paid')
        return refuse('TRIAL_SUBSCRIPTION', { productName: sub.productName });
      const delta = newQuantity - sub.quantity;
      if (delta === 0) return refuse('QUANTITY_UNCHANGED', { quantity: sub.quantity });
      if (delta > 0) {
        return ok({
          type: 'AddLicenses',
          amountCents: delta * sub.unitPriceCents,
          byUserId: caller.userId,
          params: { delta, orderId },
        });
      }
      if (newQuantity < sub.assignedUserIds.length) {
        return refuse('LICENSES_ASSIGNED', {
          assigned: sub.assignedUserIds.length,
          requested: newQuantity,
          productName: sub.productName,
        });
      }
      if (!sub.recurringBilling)
        return refuse('RECURRING_BILLING_OFF', { productName: sub.productName });
      const immediate = inCancellationWindow(sub, now);
      const credit = immediate
        ? proratedCredit(
            -delta,
            sub.unitPriceCents,
            new Date(sub.termStart),
            new Date(sub.expirationDate),
            now,
          )
        : 0;
      return ok({
        type: 'RemoveLicenses',
        amountCents: -credit,
        byUserId: caller.userId,
        params: { delta, orderId, immediate },
      });
    });
  }

  /** What {@link cancel} would do now. */
  async cancellationPreview(
    caller: Caller,
    subscriptionId: string,
  ): Promise<Result<CancellationPreview>> {
    const access = await this.access(caller, subscriptionId, 'cancel');
    if (!access.ok) return access;
    const active = checkActive(access.value.sub);
    if (!active.ok) return active;
    return ok(previewOf(active.value, this.clock.now()));
  }

  /**
   * Cancels (§3.2, S-11). Within the window: prorated refund and Disabled at once. After it: recurring billing
   * off, and the subscription stays Active until its expiration date. A trial simply ends.
   */
  async cancel(
    caller: Caller,
    subscriptionId: string,
    opId: string,
  ): Promise<Result<ChangeOutcome>> {
    const access = await this.access(caller, subscriptionId, 'cancel');
    if (!access.ok) return access;
    const orderId = await this.repository.nextOrderId();
    const now = this.clock.now();
    return this.runner.run(subscriptionId, opId, (sub) => {
      const active = checkActive(sub);
      if (!active.ok) return active;
      const preview = previewOf(sub, now);
      if (!preview.immediate && !sub.recurringBilling) {
        return refuse('RECURRING_BILLING_OFF', {
          productName: sub.productName,
          activeUntil: sub.expirationDate,
        });
      }
      return ok({
        type: 'Cancel',
        amountCents: -preview.refundCents,
        byUserId: caller.userId,
        params: { orderId, immediate: preview.immediate },
      });
    });
  }

  /** Invoices and credit notes of the caller's subscriptions in the period, newest first. */
  async invoices(
    caller: Caller,
    period: InvoicePeriod = { months: 3 },
  ): Promise<Result<InvoiceView[]>> {
    const mine = await this.myPurchases(caller);
    if (!mine.ok) return mine;
    const now = this.clock.now();
    const from =
      'months' in period ? addMonths(now, -period.months).getTime() : Date.parse(period.from);
    const to = 'months' in period ? now.getTime() : Date.parse(period.to);
    const subs = await Promise.all(mine.value.map((v) => this.repository.get(v.id)));
    const all = subs
      .filter((s): s is SubscriptionRecord => s !== undefined)
      .flatMap((s) =>
        s.invoices.map((i) => ({ ...i, subscriptionId: s.id, productName: s.productName })),
      )
      .filter((i) => Date.parse(i.at) >= from && Date.parse(i.at) <= to);
    return ok(all.sort((a, b) => b.at.localeCompare(a.at)));
  }

  /**
   * Pays the unpaid invoice of a failed renewal, which makes the subscription Active again (S-24): with the
   * subscription's card, or with another of the caller's cards (`cardId`, saved or held for this payment), which
   * then bills the subscription from now on. A declined other card leaves the subscription's card as it was.
   */
  async payInvoice(
    caller: Caller,
    invoiceId: string,
    opId: string,
    cardId?: string,
  ): Promise<Result<ChangeOutcome>> {
    const mine = await this.myPurchases(caller);
    if (!mine.ok) return mine;
    const subs = await Promise.all(mine.value.map((v) => this.repository.get(v.id)));
    const sub = subs.find((s) => s?.invoices.some((i) => i.id === invoiceId));
    if (!sub) return refuse('INVOICE_NOT_FOUND', { invoiceId });
    let card: SubscriptionCard | undefined;
    if (cardId !== undefined) {
      const chosen = await this.paymentMethods.resolve(caller, { cardId });
      if (!chosen.ok) return chosen;
      card = subscriptionCard(chosen.value);
    }
    return this.runner.run(sub.id, opId, (current) => {
      const invoice = current.invoices.find((i) => i.id === invoiceId);
      if (!invoice) return refuse('INVOICE_NOT_FOUND', { invoiceId });
      if (invoice.status === 'Void') return refuse('INVOICE_VOID', { invoiceId });
      if (invoice.status !== 'Unpaid') return refuse('INVOICE_ALREADY_PAID', { invoiceId });
      // An unpaid invoice bills the renewal that failed; once the subscription is Disabled only an admin can bring
      // it back (S-25), and paying would buy nothing.
      if (current.status !== 'Expired' || invoice.periodStart !== current.expirationDate) {
        return refuse('SUBSCRIPTION_NOT_ACTIVE', {
          productName: current.productName,
          status: current.status,
        });
      }
      return ok({
        type: 'PayInvoice',
        amountCents: invoice.amountCents,
        byUserId: caller.userId,
        params: { invoiceId },
        ...(card ? { card } : {}),
      });
    });
  }

  /**
   * The caller's invoice that {@link payInvoice} would accept now, with the subscription it renews; otherwise the
   * refusal paying it would get (already paid, void, or a subscription no longer Expired).
   */
  async invoiceToPay(
    caller: Caller,
    invoiceId: string,
  ): Promise<Result<{ invoice: InvoiceView; sub: SubscriptionRecord }>> {
    const mine = await this.myPurchases(caller);
    if (!mine.ok) return mine;
    const subs = await Promise.all(mine.value.map((v) => this.repository.get(v.id)));
    const sub = subs.find((s) => s?.invoices.some((i) => i.id === invoiceId));
    const invoice = sub?.invoices.find((i) => i.id === invoiceId);
    if (!sub || !invoice) return refuse('INVOICE_NOT_FOUND', { invoiceId });
    if (invoice.status === 'Void') return refuse('INVOICE_VOID', { invoiceId });
    if (invoice.status !== 'Unpaid') return refuse('INVOICE_ALREADY_PAID', { invoiceId });
    if (payableInvoice(sub)?.id !== invoiceId) {
      return refuse('SUBSCRIPTION_NOT_ACTIVE', {
        productName: sub.productName,
        status: sub.status,
      });
    }
    return ok({
      invoice: { ...invoice, subscriptionId: sub.id, productName: sub.productName },
      sub,
    });
  }

  /** Bills the subscription to another of the caller's saved cards from now on. */
  async updatePaymentMethod(
    caller: Caller,
    subscriptionId: string,
    cardId: string,
  ): Promise<Result<SubscriptionView>> {
    const access = await this.access(caller, subscriptionId, 'billing');
    if (!access.ok) return access;
    const card = await this.paymentMethods.resolve(caller, { cardId });
    if (!card.ok) return card;
    const updated = await this.records.update<SubscriptionRecord, Result<SubscriptionRecord>>(
      subscriptionKey(subscriptionId),
      (sub) => {
        if (!sub) return { result: refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId }) };
        // Expired or Disabled too: a working card is how the invoice gets paid or an admin can reactivate it.
        if (sub.status === 'Deleted') {
          return {
            result: refuse('SUBSCRIPTION_NOT_ACTIVE', {
              productName: sub.productName,
              status: sub.status,
            }),
          };
        }
        const next = { ...sub, paymentMethod: subscriptionCard(card.value) };
        return { write: next, result: ok(next) };
      },
    );
    if (!updated.ok) return updated;
    return ok(await viewSubscription(updated.value, this.directory, this.clock.now()));
  }

  /** Resolves the caller and checks they may do `action` on the subscription. */
  async access(
    caller: Caller,
    subscriptionId: string,
    action: SubscriptionAction,
  ): Promise<Result<{ actor: Actor; sub: SubscriptionRecord }>> {
    const actor = await resolveActor(this.directory, caller);
    if (!actor.ok) return actor;
    const sub = await this.repository.get(subscriptionId);
    const checked = checkSubscriptionAccess(actor.value, sub, subscriptionId, action);
    if (!checked.ok) return checked;
    return ok({ actor: actor.value, sub: checked.value });
  }
}

/**
 * The unpaid invoice of the renewal that failed, while paying it would bring the subscription back (it is Expired
 * and the invoice bills the term that did not start); once Disabled only an admin can (S-25).
 */
export function payableInvoice(sub: SubscriptionRecord): Invoice | undefined {
  if (sub.status !== 'Expired') return undefined;
  return sub.invoices.find((i) => i.status === 'Unpaid' && i.periodStart === sub.expirationDate);
}

/** What a subscription keeps of a saved card. */
function subscriptionCard(card: SavedCard): SubscriptionCard {
  const { cardId, token, brand, kind, last4, expiryMonth, expiryYear, holder } = card;
  return { cardId, token, brand, kind, last4, expiryMonth, expiryYear, holder };
}

function previewOf(sub: SubscriptionRecord, now: Date): CancellationPreview {
  const trial = sub.kind !== 'Paid';
  const immediate = trial || inCancellationWindow(sub, now);
  const refundCents =
    immediate && !trial
      ? proratedCredit(
          sub.quantity,
          sub.unitPriceCents,
          new Date(sub.termStart),
          new Date(sub.expirationDate),
          now,
        )
      : 0;
  return {
    subscriptionId: sub.id,
    productName: sub.productName,
    immediate,
    refundCents,
    activeUntil: immediate ? now.toISOString() : sub.expirationDate,
    windowClosesAt: windowClosesAt(sub),
  };
}
