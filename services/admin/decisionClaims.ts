// Decision claims on a purchase notification (§4.7): claim, act, record, so that only the first admin's decision is
// carried out, and everyone after is told what it was.

import type { Clock } from '../clock.js';
import { ok, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import { STALE_OPERATION_MS } from '../subscriptions/changeRunner.js';
import type { DecisionOutcome, PurchaseDecision } from './purchaseDecisions.js';
import type { TakeoverAction } from './takeoverService.js';

/**
 * The stored record: a claim while its action is being carried out, then the decision. Records written before
 * claims existed have neither field and count as done.
 */
export interface DecisionRecord extends PurchaseDecision {
  readonly state?: 'claimed' | 'done';
  readonly opId?: string;
  /** For a take-over chosen in the take-over form: what the admin chose there. */
  readonly takeover?: TakeoverAction;
}

/** How long a click waits for another admin's action in progress before answering with it as it stands. */
const WAIT_ROUNDS = 100;
const WAIT_MS = 20;

const key = (subscriptionId: string): string => `purchase-decision:${subscriptionId}`;

/** The claim step's answer: ours to carry out, or someone's decision to tell, or one still being carried out. */
type Claim =
  | { readonly kind: 'mine'; readonly decision: DecisionRecord }
  | { readonly kind: 'told'; readonly outcome: DecisionOutcome }
  | { readonly kind: 'busy' };

/** Carries out a claimed decision; a refusal gives the claim back. */
export type DecisionAct = (decision: DecisionRecord) => Promise<Result<unknown>>;

/**
 * Claims decisions (insert-if-absent): only the admin whose claim stands carries the decision out, and a refused
 * action gives the claim back so another admin can act.
 */
export class DecisionClaims {
  constructor(
    private readonly records: Records,
    private readonly clock: Clock,
  ) {}

  /** The decision on a purchase, if one was made or is being carried out. */
  async current(subscriptionId: string): Promise<PurchaseDecision | undefined> {
    const record = await this.records.read<DecisionRecord>(key(subscriptionId));
    return record && publicDecision(record);
  }

  /** Records a decision already carried out (a take-over of a subscription without a notification). */
  async recordDone(decision: DecisionRecord): Promise<void> {
    await this.records.create<DecisionRecord>(key(decision.subscriptionId), decision);
  }

  /**
   * Claims the decision and carries it out when the claim is ours, or answers with the decision that stands. A claim
   * still being carried out by someone else is waited for, then answered with as it stands.
   */
  async settle(
    claimed: DecisionRecord,
    act: DecisionAct,
  ): Promise<Result<{ outcome: DecisionOutcome; acted?: unknown }>> {
    for (let round = 0; ; round += 1) {
      const claim = await this.claim(claimed);
      if (claim.kind === 'told') return ok({ outcome: claim.outcome });
      if (claim.kind === 'mine') return this.carryOut(claim.decision, act);
      if (round >= WAIT_ROUNDS) {
        // Still being carried out: answer with it as it stands rather than keep the admin waiting.
        const pending = await this.records.read<DecisionRecord>(key(claimed.subscriptionId));
        if (pending) return ok({ outcome: toldOutcome(pending, claimed) });
      }
      await pause();
    }
  }

  /**
   * Claims the decision when nobody holds it (or a claim was abandoned by a crash). The same click delivered again
   * finds its own claim: carried out already, it is told the outcome; still running, it waits like anyone else.
   */
  private async claim(mine: DecisionRecord): Promise<Claim> {
    const now = this.clock.now().getTime();
    return this.records.update<DecisionRecord, Claim>(key(mine.subscriptionId), (current) => {
      const abandoned =
        current?.state === 'claimed' && now - Date.parse(current.at) >= STALE_OPERATION_MS;
      if (!current || abandoned) {
        return { write: mine, result: { kind: 'mine', decision: mine } };
      }
      if (current.state === 'claimed') return { result: { kind: 'busy' } };
      return { result: { kind: 'told', outcome: toldOutcome(current, mine) } };
    });
  }

  /** Carries out the claimed decision, then records it; a refusal gives the claim back. */
  private async carryOut(
    decision: DecisionRecord,
    act: DecisionAct,
  ): Promise<Result<{ outcome: DecisionOutcome; acted: unknown }>> {
    const acted = await act(decision);
    if (!acted.ok) {
      await this.records.deleteWhen<DecisionRecord>(
        key(decision.subscriptionId),
        (c) => c.state === 'claimed' && sameClick(c, decision),
      );
      return acted;
    }
    const done = await this.records.update<DecisionRecord, DecisionRecord>(
      key(decision.subscriptionId),
      (c) =>
        c?.state === 'claimed' && sameClick(c, decision)
          ? { write: { ...c, state: 'done' }, result: { ...c, state: 'done' } }
          : { result: c ?? decision },
    );
    return ok({ outcome: toldOutcome(done, decision), acted: acted.value });
  }
}

/** The decision as shown to people, without the bookkeeping of the claim. */
function publicDecision(record: DecisionRecord): PurchaseDecision {
  const { state: _state, opId: _opId, takeover: _takeover, ...decision } = record;
  return decision;
}

/** The same click delivered again: the same admin and the same action id. */
function sameClick(a: DecisionRecord, b: DecisionRecord): boolean {
  return a.opId !== undefined && a.opId === b.opId && a.byUserId === b.byUserId;
}

/** What `asker` is told about `decision`: their own (same click, or same choice) is not "already decided". */
function toldOutcome(decision: DecisionRecord, asker: DecisionRecord): DecisionOutcome {
  const mine =
    decision.byUserId === asker.byUserId &&
    (sameClick(decision, asker) || decision.kind === asker.kind);
  return { decision: publicDecision(decision), alreadyDecided: !mine };
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, WAIT_MS));
}
