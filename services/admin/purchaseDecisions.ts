// What admins do with a purchase notification (§4.7, S-23): keep, turn off the product, take over, or cancel.
// The first admin's decision stands; everyone after is told what it was.

import { resolveActor, type Caller } from '../access/actor.js';
import { can } from '../access/permissions.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../directory/directory.js';
import type { PolicyService } from '../policies/policyService.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { SubscriptionRepository } from '../subscriptions/subscriptionRepository.js';
import type { TakeoverService } from './takeoverService.js';

export type DecisionKind = 'keep' | 'turnOff' | 'cancel' | 'takeOver';

/** The decision taken on a purchase notification. */
export interface PurchaseDecision {
  readonly subscriptionId: string;
  readonly kind: DecisionKind;
  readonly byUserId: string;
  readonly byName: string;
  readonly at: string;
  readonly productId: string;
  readonly productName: string;
}

/** A decision, and whether the caller made it now or found it made already. */
export interface DecisionOutcome {
  readonly decision: PurchaseDecision;
  readonly alreadyDecided: boolean;
}

const key = (subscriptionId: string): string => `purchase-decision:${subscriptionId}`;

/**
 * Records the first decision on a new purchase and carries it out. Keep does nothing more; turn off sets the
 * product's policy to Disabled (only new purchases are affected, §4.2); cancel takes the subscription over and
 * cancels it (§4.5). A take-over chosen in the take-over form is recorded by {@link recordTakeOver}.
 */
export class PurchaseDecisionService {
  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly policies: PolicyService,
    private readonly takeovers: TakeoverService,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  /** The decision on a purchase, if one was made. */
  async current(subscriptionId: string): Promise<PurchaseDecision | undefined> {
    return this.records.read<PurchaseDecision>(key(subscriptionId));
  }

  async decide(
    caller: Caller,
    tenantId: string,
    subscriptionId: string,
    kind: Exclude<DecisionKind, 'takeOver'>,
    opId: string,
  ): Promise<Result<DecisionOutcome>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    const sub = await this.repository.get(subscriptionId);
    if (!sub || sub.tenantId !== tenantId || sub.channel !== 'SelfService') {
      return refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId });
    }
    const existing = await this.current(subscriptionId);
    if (existing && !(existing.byUserId === caller.userId && existing.kind === kind)) {
      return ok({ decision: existing, alreadyDecided: true });
    }
    const needed =
      kind === 'turnOff' ? 'changePolicies' : kind === 'cancel' ? 'takeOver' : 'viewAllPurchases';
    if (!can(actor.value, needed)) {
      return refuse('ACCESS_DENIED', { action: needed, tenantName: actor.value.tenant.name });
    }
    if (kind === 'turnOff') {
      const turnedOff = await this.policies.updateProductPolicy(
        caller,
        tenantId,
        sub.productId,
        'Disabled',
        'notificationCard',
      );
      if (!turnedOff.ok) return turnedOff;
    }
    if (kind === 'cancel') {
      const cancelled = await this.takeovers.takeOver(
        caller,
        tenantId,
        subscriptionId,
        { kind: 'cancel', reason: 'Cancelled from the purchase notification' },
        opId,
      );
      if (!cancelled.ok) return cancelled;
    }
    return this.record(subscriptionId, {
      subscriptionId,
      kind,
      byUserId: caller.userId,
      byName: actor.value.user.displayName,
      at: this.clock.now().toISOString(),
      productId: sub.productId,
      productName: sub.productName,
    });
  }

  /** Records that an admin took the subscription over (after the take-over itself succeeded). */
  async recordTakeOver(caller: Caller, subscriptionId: string): Promise<void> {
    const sub = await this.repository.get(subscriptionId);
    const user = await this.directory.getUser(caller.tenantId, caller.userId);
    if (!sub) return;
    await this.record(subscriptionId, {
      subscriptionId,
      kind: 'takeOver',
      byUserId: caller.userId,
      byName: user?.displayName ?? caller.userId,
      at: this.clock.now().toISOString(),
      productId: sub.productId,
      productName: sub.productName,
    });
  }

  private async record(
    subscriptionId: string,
    decision: PurchaseDecision,
  ): Promise<Result<DecisionOutcome>> {
    const created = await this.records.create(key(subscriptionId), decision);
    if (created) return ok({ decision, alreadyDecided: false });
    const winner = await this.current(subscriptionId);
    if (!winner) throw new Error(`Decision on ${subscriptionId} vanished`);
    const mine = winner.byUserId === decision.byUserId && winner.kind === decision.kind;
    return ok({ decision: winner, alreadyDecided: !mine });
  }
}
