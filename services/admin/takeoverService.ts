// Admins take a self-service subscription over (§4.4 to §4.6): move its users to a central subscription, or
// cancel it; and reactivate an Expired or Disabled one (§3.3).

import { findProductById } from '../catalog/catalog.js';
import { unitPriceAt } from '../catalog/products.js';
import { resolveActor, type Actor, type Caller } from '../access/actor.js';
import { can } from '../access/permissions.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../directory/directory.js';
import { proratedCredit } from '../money.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { ChangeOutcome, ChangeRunner } from '../subscriptions/changeRunner.js';
import { STALE_OPERATION_MS } from '../subscriptions/changeRunner.js';
import {
  subscriptionKey,
  type SubscriptionRecord,
  type TakeoverState,
} from '../subscriptions/model.js';
import type { SubscriptionRepository } from '../subscriptions/subscriptionRepository.js';

/** What the admin chose on "Take control of this subscription". */
export type TakeoverAction =
  | { readonly kind: 'moveUsers'; readonly targetSubscriptionId: string }
  | { readonly kind: 'cancel'; readonly reason: string };

type Claim =
  { kind: 'claimed'; takeover: TakeoverState } | { kind: 'refused'; result: Result<ChangeOutcome> };

/**
 * Take-over runs as claim, act, complete: the source subscription is marked as being taken over (so the buyer and
 * a second admin are held off), the users get central licenses, and then the source is cancelled and shows
 * Deleted. A crash between the steps is finished by the lifecycle job.
 */
export class TakeoverService {
  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly runner: ChangeRunner,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  async takeOver(
    caller: Caller,
    tenantId: string,
    subscriptionId: string,
    action: TakeoverAction,
    opId: string,
  ): Promise<Result<ChangeOutcome>> {
    const actor = await this.admin(caller, tenantId, 'takeOver');
    if (!actor.ok) return actor;
    await this.repository.importCentral(tenantId);
    let targetName: string | undefined;
    if (action.kind === 'moveUsers') {
      const target = await this.repository.get(action.targetSubscriptionId);
      if (
        !target ||
        target.tenantId !== tenantId ||
        target.channel !== 'Central' ||
        target.status !== 'Active'
      ) {
        return refuse('TARGET_NOT_CENTRAL', { subscriptionId: action.targetSubscriptionId });
      }
      targetName = target.productName;
    }
    const claim = await this.claim(actor.value, tenantId, subscriptionId, action, opId);
    if (claim.kind === 'refused') return claim.result;
    return this.complete(subscriptionId, claim.takeover, targetName);
  }

  /** §3.3: brings back an Expired or Disabled subscription, charging a new term to the buyer's card. */
  async reactivate(
    caller: Caller,
    tenantId: string,
    subscriptionId: string,
    opId: string,
  ): Promise<Result<ChangeOutcome>> {
    const actor = await this.admin(caller, tenantId, 'reactivate');
    if (!actor.ok) return actor;
    const orderId = await this.repository.nextOrderId();
    const price = (sub: SubscriptionRecord): number => {
      const product = findProductById(sub.productId);
      return (product && unitPriceAt(product, this.clock.now())) ?? sub.unitPriceCents;
    };
    return this.runner.run(subscriptionId, opId, (sub) => {
      if (sub.tenantId !== tenantId || sub.channel !== 'SelfService') {
        return refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId });
      }
      if (sub.status !== 'Expired' && sub.status !== 'Disabled') {
        return refuse('NOT_REACTIVATABLE', { productName: sub.productName, status: sub.status });
      }
      if (sub.kind === 'TrialNoPayment' || !sub.paymentMethod) {
        return refuse('TRIAL_SUBSCRIPTION', { productName: sub.productName });
      }
      // A new term, like a renewal: at the reduction scheduled for it, never below the licenses assigned.
      const quantity = Math.max(
        sub.pendingQuantityAtRenewal ?? sub.quantity,
        sub.assignedUserIds.length,
      );
      const unitPriceCents = price(sub);
      return ok({
        type: 'Reactivation',
        amountCents: quantity * unitPriceCents,
        byUserId: caller.userId,
        params: { orderId, byName: actor.value.user.displayName, quantity, unitPriceCents },
      });
    });
  }

  /** Finishes take-overs left half-way by a crash (lifecycle hook). */
  async runLifecycle(): Promise<void> {
    for (const tenantId of await this.repository.tenantIds()) {
      for (const sub of await this.repository.listByTenant(tenantId)) {
        const t = sub.takeover;
        if (t?.state !== 'moving') continue;
        if (this.clock.now().getTime() - Date.parse(t.at) < STALE_OPERATION_MS) continue;
        const target = t.targetSubscriptionId
          ? await this.repository.get(t.targetSubscriptionId)
          : undefined;
        await this.complete(sub.id, t, target?.productName);
      }
    }
  }

  private async admin(
    caller: Caller,
    tenantId: string,
    action: 'takeOver' | 'reactivate',
  ): Promise<Result<Actor>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    if (!can(actor.value, action))
      return refuse('ACCESS_DENIED', { action, tenantName: actor.value.tenant.name });
    return actor;
  }

  private async claim(
    actor: Actor,
    tenantId: string,
    subscriptionId: string,
    action: TakeoverAction,
    opId: string,
  ): Promise<Claim> {
    return this.records.update<SubscriptionRecord, Claim>(
      subscriptionKey(subscriptionId),
      (sub) => {
        if (!sub || sub.tenantId !== tenantId || sub.channel !== 'SelfService') {
          return {
            result: {
              kind: 'refused',
              result: refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId }),
            },
          };
        }
        const done = sub.appliedOperations.find((o) => o.opId === opId);
        if (done)
          return { result: { kind: 'refused', result: ok({ ...done, alreadyDone: true }) } };
        if (sub.takeover?.state === 'moving') {
          if (sub.takeover.opId === opId)
            return { result: { kind: 'claimed', takeover: sub.takeover } };
          return {
            result: { kind: 'refused', result: refuse('TAKEOVER_IN_PROGRESS', takeoverFacts(sub)) },
          };
        }
        if (sub.status === 'Deleted') {
          // A second admin acting on the same purchase is told what the first one did.
          return {
            result: {
              kind: 'refused',
              result: refuse('SUBSCRIPTION_NOT_ACTIVE', takeoverFacts(sub)),
            },
          };
        }
        if (sub.pendingOperation) {
          return {
            result: {
              kind: 'refused',
              result: refuse('OPERATION_IN_PROGRESS', { subscriptionId }),
            },
          };
        }
        const takeover: TakeoverState = {
          opId,
          state: 'moving',
          action: action.kind,
          targetSubscriptionId:
            action.kind === 'moveUsers' ? action.targetSubscriptionId : undefined,
          userIds: action.kind === 'moveUsers' ? sub.assignedUserIds : [],
          byUserId: actor.user.id,
          byName: actor.user.displayName,
          byTenantId: actor.user.tenantId,
          reason: action.kind === 'cancel' ? action.reason : undefined,
          at: this.clock.now().toISOString(),
        };
        return { write: { ...sub, takeover }, result: { kind: 'claimed', takeover } };
      },
    );
  }

  private async complete(
    subscriptionId: string,
    takeover: TakeoverState,
    targetName: string | undefined,
  ): Promise<Result<ChangeOutcome>> {
    if (takeover.action === 'moveUsers' && takeover.targetSubscriptionId) {
      const moved = await this.repository.giveCentralLicenses(
        takeover.targetSubscriptionId,
        takeover.userIds,
      );
      if (!moved.ok) {
        await this.release(subscriptionId, takeover.opId);
        return moved;
      }
    }
    const orderId = await this.repository.nextOrderId();
    const now = this.clock.now();
    return this.runner.run(subscriptionId, takeover.opId, (sub) => {
      if (sub.takeover?.opId !== takeover.opId)
        return refuse('TAKEOVER_IN_PROGRESS', takeoverFacts(sub));
      const refundable = sub.status === 'Active' && sub.kind === 'Paid';
      const credit = refundable
        ? proratedCredit(
            sub.quantity,
            sub.unitPriceCents,
            new Date(sub.termStart),
            new Date(sub.expirationDate),
            now,
          )
        : 0;
      return ok({
        type: 'TakeOver',
        amountCents: -credit,
        byUserId: takeover.byUserId,
        params: {
          orderId,
          action: takeover.action,
          byName: takeover.byName,
          reason: takeover.reason,
          targetName,
        },
      });
    });
  }

  private async release(subscriptionId: string, opId: string): Promise<void> {
    await this.records.update<SubscriptionRecord, void>(subscriptionKey(subscriptionId), (sub) =>
      sub?.takeover?.opId === opId && sub.takeover.state === 'moving'
        ? { write: { ...sub, takeover: undefined }, result: undefined }
        : { result: undefined },
    );
  }
}

function takeoverFacts(sub: SubscriptionRecord): Record<string, string | undefined> {
  return {
    subscriptionId: sub.id,
    productName: sub.productName,
    status: sub.status,
    byName: sub.takeover?.byName,
    action: sub.takeover?.action,
    at: sub.takeover?.at,
  };
}
