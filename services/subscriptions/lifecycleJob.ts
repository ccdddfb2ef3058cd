// The lifecycle over the clock (§3.3, S-14, S-24, S-25): renewals, trial ends, Expired -> Disabled -> Deleted.

import { findProductById } from '../catalog/catalog.js';
import { unitPriceAt } from '../catalog/products.js';
import { MS_PER_DAY, type Clock } from '../clock.js';
import { addMonths } from '../money.js';
import type { NotificationKind } from '../notifications/events.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import { ok } from '../result.js';
import type { Records } from '../store/records.js';
import { buyerEvent } from './applierParts.js';
import type { ChangeRunner } from './changeRunner.js';
import {
  CONVERSION_REMINDER_DAYS,
  DISABLED_DAYS,
  EXPIRED_DAYS,
  subscriptionKey,
  voidUnpaid,
  type SubscriptionRecord,
  type SubscriptionStatus,
} from './model.js';
import type { PurchaseService } from './purchaseService.js';
import type { SubscriptionRepository } from './subscriptionRepository.js';

/** Work the job may also do on each pass, owned by other services. */
export interface LifecycleHook {
  runLifecycle(): Promise<void>;
}

/** What one pass did, for logs and tests. */
export interface LifecycleReport {
  renewed: number;
  renewalsFailed: number;
  expired: number;
  disabled: number;
  deleted: number;
  recovered: number;
}

/**
 * One pass over every subscription. Safe to run from several bot instances at once: every transition is a
 * compare-and-set from the state it was decided on, and each renewal is keyed by its term number, so it is charged
 * once whoever runs it.
 */
export class LifecycleJob {
  private readonly hooks: LifecycleHook[] = [];

  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly runner: ChangeRunner,
    private readonly purchases: PurchaseService,
    private readonly outbox: NotificationOutbox,
    private readonly clock: Clock,
  ) {}

  /** Adds work to each pass (take-overs and license requests to finish, old requests to purge). */
  addHook(hook: LifecycleHook): void {
    this.hooks.push(hook);
  }

  async runOnce(): Promise<LifecycleReport> {
    const report: LifecycleReport = {
      renewed: 0,
      renewalsFailed: 0,
      expired: 0,
      disabled: 0,
      deleted: 0,
      recovered: 0,
    };
    report.recovered += await this.purchases.recoverStale();
    for (const tenantId of await this.repository.tenantIds()) {
      for (const sub of await this.repository.listByTenant(tenantId)) {
        if (sub.channel !== 'SelfService') continue;
        await this.advance(sub, report);
      }
    }
    for (const hook of this.hooks) await hook.runLifecycle();
    return report;
  }

  private async advance(initial: SubscriptionRecord, report: LifecycleReport): Promise<void> {
    if (initial.pendingOperation) {
      await this.runner.recover(initial);
      report.recovered += 1;
    }
    if (initial.outbox?.length)
      await this.outbox.flush<SubscriptionRecord>(subscriptionKey(initial.id));
    // Catch up as many steps as the clock has moved (a demo may jump months at once).
    for (let step = 0; step < 48; step += 1) {
      const sub = await this.repository.get(initial.id);
      if (!sub || sub.pendingOperation || sub.takeover?.state === 'moving') return;
      const moved = await this.step(sub, report);
      if (!moved) return;
    }
  }

  /** Makes the one transition that is due, if any; returns whether something changed. */
  private async step(sub: SubscriptionRecord, report: LifecycleReport): Promise<boolean> {
    const now = this.clock.now().getTime();
    const changedAt = Date.parse(sub.statusChangedAt);
    if (sub.status === 'Active' && now >= Date.parse(sub.expirationDate)) {
      if (sub.recurringBilling && sub.paymentMethod && sub.kind !== 'TrialNoPayment') {
        return this.renew(sub, report);
      }
      report.expired += 1;
      return this.transition(sub, 'Active', 'Expired', sub.expirationDate);
    }
    if (
      sub.status === 'Active' &&
      sub.kind === 'TrialWithPayment' &&
      sub.recurringBilling &&
      sub.paymentMethod &&
      sub.conversionReminderFor !== sub.expirationDate &&
      now >= Date.parse(sub.expirationDate) - CONVERSION_REMINDER_DAYS * MS_PER_DAY
    ) {
      return this.remindConversion(sub);
    }
    if (sub.status === 'Expired' && now >= changedAt + EXPIRED_DAYS * MS_PER_DAY) {
      report.disabled += 1;
      return this.transition(
        sub,
        'Expired',
        'Disabled',
        new Date(changedAt + EXPIRED_DAYS * MS_PER_DAY).toISOString(),
      );
    }
    if (sub.status === 'Disabled' && now >= changedAt + DISABLED_DAYS * MS_PER_DAY) {
      report.deleted += 1;
      return this.transition(
        sub,
        'Disabled',
        'Deleted',
        new Date(changedAt + DISABLED_DAYS * MS_PER_DAY).toISOString(),
      );
    }
    return false;
  }

  /** S-24: charge the next term; a declined card leaves the subscription Expired with an unpaid invoice. */
  private async renew(sub: SubscriptionRecord, report: LifecycleReport): Promise<boolean> {
    const opId = `renewal-${sub.termNumber + 1}`;
    const product = findProductById(sub.productId);
    const unitPriceCents =
      (product && unitPriceAt(product, new Date(sub.expirationDate))) ?? sub.unitPriceCents;
    const orderId = await this.repository.nextOrderId();
    const type = sub.kind === 'TrialWithPayment' ? 'TrialConversion' : 'Renewal';
    let charged = 0;
    let quantity = sub.quantity;
    const result = await this.runner.run(sub.id, opId, (current) => {
      if (current.status !== 'Active' || current.expirationDate !== sub.expirationDate) {
        return { ok: false, refusal: { code: 'OPERATION_IN_PROGRESS', facts: {} } };
      }
      // A reduction scheduled for renewal never goes below the licenses assigned since.
      quantity = Math.max(
        current.pendingQuantityAtRenewal ?? current.quantity,
        current.assignedUserIds.length,
      );
      charged = quantity * unitPriceCents;
      return ok({
        type,
        amountCents: charged,
        byUserId: 'system',
        params: { orderId, quantity, unitPriceCents },
      });
    });
    if (result.ok) {
      report.renewed += 1;
      return true;
    }
    if (result.refusal.code !== 'PAYMENT_DECLINED') return false;
    report.renewalsFailed += 1;
    const termStart = sub.expirationDate;
    const termEnd = addMonths(new Date(termStart), 1).toISOString();
    const at = this.clock.now();
    await this.records.update<SubscriptionRecord, void>(subscriptionKey(sub.id), (current) => {
      if (
        !current ||
        current.status !== 'Active' ||
        current.expirationDate !== sub.expirationDate
      ) {
        return { result: undefined };
      }
      const facts = {
        productName: current.productName,
        amountCents: charged,
        declineCode: result.refusal.facts.declineCode,
        invoiceId: `INV-${orderId}`,
        conversion: type === 'TrialConversion',
      };
      return {
        write: {
          ...current,
          status: 'Expired',
          statusChangedAt: current.expirationDate,
          invoices: [
            ...current.invoices,
            {
              id: `INV-${orderId}`,
              orderId,
              at: at.toISOString(),
              amountCents: charged,
              status: 'Unpaid',
              periodStart: termStart,
              periodEnd: termEnd,
              quantity,
              unitPriceCents,
            },
          ],
          outbox: [
            ...(current.outbox ?? []),
            ...buyerEvent(current, 'BuyerPaymentFailed', opId, at, facts),
          ],
        },
        result: undefined,
      };
    });
    await this.outbox.flush<SubscriptionRecord>(subscriptionKey(sub.id));
    return true;
  }

  /**
   * Tells the buyer of a trial with a card, once, that it becomes paid in a few days and what it will cost. The
   * reminder is marked on the record in the same write as its event, and the event id is the conversion date's, so
   * a re-run or a second bot instance never sends it twice.
   */
  private async remindConversion(sub: SubscriptionRecord): Promise<boolean> {
    const at = this.clock.now();
    const product = findProductById(sub.productId);
    const unitPriceCents =
      (product && unitPriceAt(product, new Date(sub.expirationDate))) ?? sub.unitPriceCents;
    const written = await this.records.update<SubscriptionRecord, boolean>(
      subscriptionKey(sub.id),
      (current) => {
        if (
          !current ||
          current.status !== 'Active' ||
          current.expirationDate !== sub.expirationDate ||
          current.conversionReminderFor === current.expirationDate
        ) {
          return { result: false };
        }
        const quantity = Math.max(
          current.pendingQuantityAtRenewal ?? current.quantity,
          current.assignedUserIds.length,
        );
        const events = buyerEvent(
          current,
          'BuyerTrialEndingSoon',
          `reminder:${current.expirationDate}`,
          at,
          {
            expirationDate: current.expirationDate,
            quantity,
            amountCents: quantity * unitPriceCents,
          },
        );
        return {
          write: {
            ...current,
            conversionReminderFor: current.expirationDate,
            outbox: [...(current.outbox ?? []), ...events],
          },
          result: true,
        };
      },
    );
    if (written) await this.outbox.flush<SubscriptionRecord>(subscriptionKey(sub.id));
    return written;
  }

  /**
   * Moves the subscription from `from` to `to` as of `at`, and tells its buyer in the same write (a trial ended, a
   * subscription expired, users lost access, it was deleted). The event's id is the transition's, so it is stored
   * once however often the job runs.
   */
  private async transition(
    sub: SubscriptionRecord,
    from: SubscriptionStatus,
    to: SubscriptionStatus,
    at: string,
  ): Promise<boolean> {
    const now = this.clock.now();
    const moved = await this.records.update<SubscriptionRecord, boolean>(
      subscriptionKey(sub.id),
      (current) => {
        if (!current || current.status !== from || current.pendingOperation)
          return { result: false };
        const events = buyerEvent(current, endingKind(current, to), `${to}:${at}`, now, {
          effectiveAt: at,
          status: to,
        });
        return {
          write: {
            ...current,
            status: to,
            statusChangedAt: at,
            // S-25: Deleted releases the licenses; before that they stay recorded. Nothing is owed for a term that
            // will never come.
            assignedUserIds: to === 'Deleted' ? [] : current.assignedUserIds,
            invoices: to === 'Deleted' ? voidUnpaid(current.invoices) : current.invoices,
            recurringBilling: to === 'Active' ? current.recurringBilling : false,
            outbox: [...(current.outbox ?? []), ...events],
          },
          result: true,
        };
      },
    );
    if (moved) await this.outbox.flush<SubscriptionRecord>(subscriptionKey(sub.id));
    return moved;
  }
}

/** What the buyer is told of a lifecycle step: a trial or a term ended, users lost access, it was deleted. */
function endingKind(sub: SubscriptionRecord, to: SubscriptionStatus): NotificationKind {
  if (to === 'Disabled') return 'BuyerDisabled';
  if (to === 'Deleted') return 'BuyerDeleted';
  return sub.kind === 'Paid' ? 'BuyerExpired' : 'BuyerTrialEnded';
}
