// What admins do with a purchase notification (§4.7, S-23): keep, turn off the product, take over, or cancel.
// The first admin's decision is the one carried out; everyone after is told what it was.

import { resolveActor, type Actor, type Caller } from '../access/actor.js';
import { can, type TenantAction } from '../access/permissions.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../directory/directory.js';
import type { PolicyService } from '../policies/policyService.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { ChangeOutcome } from '../subscriptions/changeRunner.js';
import type { SubscriptionRecord } from '../subscriptions/model.js';
import type { SubscriptionRepository } from '../subscriptions/subscriptionRepository.js';
import { DecisionClaims, type DecisionRecord } from './decisionClaims.js';
import type { TakeoverAction, TakeoverService } from './takeoverService.js';

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

/**
 * A take-over from the take-over form: carried out (`change`), or not, because another decision on the purchase
 * notification stands (`decided`, told like any later admin).
 */
export type FormTakeOver =
  | { readonly kind: 'takenOver'; readonly change: ChangeOutcome }
  | { readonly kind: 'decided'; readonly outcome: DecisionOutcome };

type NoticeKind = Exclude<DecisionKind, 'takeOver'>;

/** The right each action needs besides receiving the notification (§1.2: change policies; take over). */
const ACTION_RIGHT: Readonly<Record<NoticeKind, TenantAction | undefined>> = {
  keep: undefined,
  turnOff: 'changePolicies',
  cancel: 'takeOver',
};

/** Where a take-over was started: the purchase notification (its decision) or the purchases overview (later). */
export type TakeOverSource = 'notification' | 'overview';

/**
 * Decides on a new purchase as claim, act, record: the decision is claimed first (insert-if-absent), only the admin
 * whose claim stands carries it out, and a refused action gives the claim back so another admin can act. Keep does
 * nothing more; turn off sets the product's policy to Disabled (only new purchases are affected, §4.2); cancel takes
 * the subscription over and cancels it (§4.5). A take-over chosen in the take-over form ({@link takeOver}) is a
 * decision too, claimed and carried out the same way.
 */
export class PurchaseDecisionService {
  private readonly claims: DecisionClaims;

  constructor(
    records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly policies: PolicyService,
    private readonly takeovers: TakeoverService,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {
    this.claims = new DecisionClaims(records, clock);
  }

  /** The decision on a purchase, if one was made or is being carried out. */
  async current(subscriptionId: string): Promise<PurchaseDecision | undefined> {
    return this.claims.current(subscriptionId);
  }

  /**
   * Keep, turn off or cancel from the notification. Only people who receive it (Global and Billing admins, S-23)
   * and hold the action's right may decide; everyone else is refused before anything about the purchase is shown.
   */
  async decide(
    caller: Caller,
    tenantId: string,
    subscriptionId: string,
    kind: NoticeKind,
    opId: string,
  ): Promise<Result<DecisionOutcome>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    const denied = this.deniedAction(actor.value, kind);
    if (denied) {
      return refuse('ACCESS_DENIED', { action: denied, tenantName: actor.value.tenant.name });
    }
    const sub = await this.repository.get(subscriptionId);
    if (!sub || sub.tenantId !== tenantId || sub.channel !== 'SelfService') {
      return refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId });
    }
    const claimed = this.claimOf(actor.value, sub, { kind }, opId);
    const settled = await this.claims.settle(claimed, (d) => this.act(caller, tenantId, d));
    return settled.ok ? ok(settled.value.outcome) : settled;
  }

  /**
   * Who may open the take-over form, and the decision it must show instead when one was made on the purchase
   * notification. The caller's right to take over is checked first: someone without it (a Global reader, a plain
   * user) is refused before anything about the purchase or its decision is shown.
   */
  async forTakeOverForm(
    caller: Caller,
    tenantId: string,
    subscriptionId: string,
    from: TakeOverSource = 'notification',
  ): Promise<Result<PurchaseDecision | undefined>> {
    const actor = await this.takeOverActor(caller, tenantId);
    if (!actor.ok) return actor;
    if (from === 'overview') return ok(undefined);
    const sub = await this.repository.get(subscriptionId);
    if (!sub || sub.tenantId !== tenantId || !hasNotification(sub)) return ok(undefined);
    return ok(await this.current(subscriptionId));
  }

  /**
   * Take-over chosen in the take-over form (move the users, or cancel). On a purchase that got a notification it is
   * that notification's decision: claimed like keep, turn off and cancel, so a take-over and another admin's
   * decision never both happen, and the admin who comes second is told who did what. Other subscriptions (trials,
   * converted trials) have no notification to decide, and a take-over started from the purchases overview is a later
   * decision (a kept purchase whose buyer left, §4.6): those are only recorded once done.
   */
  async takeOver(
    caller: Caller,
    tenantId: string,
    subscriptionId: string,
    action: TakeoverAction,
    opId: string,
    from: TakeOverSource = 'notification',
  ): Promise<Result<FormTakeOver>> {
    const actor = await this.takeOverActor(caller, tenantId);
    if (!actor.ok) return actor;
    const sub = await this.repository.get(subscriptionId);
    if (!sub || sub.tenantId !== tenantId || !hasNotification(sub) || from === 'overview') {
      const change = await this.takeovers.takeOver(caller, tenantId, subscriptionId, action, opId);
      if (!change.ok) return change;
      if (!change.value.alreadyDone) await this.recordTakeOver(caller, subscriptionId);
      return ok({ kind: 'takenOver', change: change.value });
    }
    const claimed = this.claimOf(actor.value, sub, { kind: 'takeOver', takeover: action }, opId);
    const settled = await this.claims.settle(claimed, (d) => this.act(caller, tenantId, d));
    if (!settled.ok) return settled;
    const { outcome, acted } = settled.value;
    if (acted) return ok({ kind: 'takenOver', change: acted as ChangeOutcome });
    if (!outcome.alreadyDecided && outcome.decision.kind === 'takeOver') {
      // This admin's own take-over, decided before: the same click again is told what it did.
      const again = await this.takeovers.takeOver(caller, tenantId, subscriptionId, action, opId);
      if (again.ok) return ok({ kind: 'takenOver', change: again.value });
    }
    return ok({ kind: 'decided', outcome });
  }

  /** Records that an admin took a subscription without a notification over (after the take-over succeeded). */
  private async recordTakeOver(caller: Caller, subscriptionId: string): Promise<void> {
    const sub = await this.repository.get(subscriptionId);
    const user = await this.directory.getUser(caller.tenantId, caller.userId);
    if (!sub) return;
    await this.claims.recordDone({
      subscriptionId,
      kind: 'takeOver',
      byUserId: caller.userId,
      byName: user?.displayName ?? caller.userId,
      at: this.clock.now().toISOString(),
      productId: sub.productId,
      productName: sub.productName,
      state: 'done',
    });
  }

  /** The admin who may take the subscription over (§1.2), resolved and checked before anything is read. */
  private async takeOverActor(caller: Caller, tenantId: string): Promise<Result<Actor>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    if (!can(actor.value, 'takeOver')) {
      return refuse('ACCESS_DENIED', { action: 'takeOver', tenantName: actor.value.tenant.name });
    }
    return actor;
  }
  /** The claim `actor` makes on the purchase's decision: who, when, what (and for a take-over, how). */
  private claimOf(
    actor: Actor,
    sub: SubscriptionRecord,
    what: Pick<DecisionRecord, 'kind' | 'takeover'>,
    opId: string,
  ): DecisionRecord {
    return {
      subscriptionId: sub.id,
      ...what,
      byUserId: actor.user.id,
      byName: actor.user.displayName,
      at: this.clock.now().toISOString(),
      productId: sub.productId,
      productName: sub.productName,
      state: 'claimed',
      opId,
    };
  }

  /** The action the actor lacks for this decision, or undefined when they may take it. */
  private deniedAction(actor: Actor, kind: NoticeKind): TenantAction | undefined {
    if (!can(actor, 'receivePurchaseNotification')) return 'receivePurchaseNotification';
    const right = ACTION_RIGHT[kind];
    return right && !can(actor, right) ? right : undefined;
  }

  private async act(
    caller: Caller,
    tenantId: string,
    decision: DecisionRecord,
  ): Promise<Result<unknown>> {
    if (decision.kind === 'turnOff') {
      return this.policies.updateProductPolicy(
        caller,
        tenantId,
        decision.productId,
        'Disabled',
        'notificationCard',
      );
    }
    if (decision.kind === 'cancel' || decision.kind === 'takeOver') {
      return this.takeovers.takeOver(
        caller,
        tenantId,
        decision.subscriptionId,
        decision.takeover ?? { kind: 'cancel', reason: 'Cancelled from the purchase notification' },
        decision.opId ?? `decision-${decision.subscriptionId}`,
      );
    }
    return ok(undefined);
  }
}

/**
 * Whether the purchase got a purchase notification, with its decision to make (S-23): a self-service purchase bought
 * as such. Trials never do, and converting a trial is not a new purchase.
 */
function hasNotification(sub: SubscriptionRecord): boolean {
  return (
    sub.channel === 'SelfService' &&
    sub.kind === 'Paid' &&
    sub.orders[0]?.type === 'New' &&
    !sub.orders.some((o) => o.type === 'TrialConversion')
  );
}
