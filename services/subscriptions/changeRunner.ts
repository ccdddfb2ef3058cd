// Runs a change that may move money: write the intent into the record, move the money, then apply it.

import type { Clock } from '../clock.js';
import type { NotificationEvent } from '../notifications/events.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import type { PaymentProvider, Transaction } from '../payments/paymentProvider.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import {
  appliedOutcome,
  remember,
  subscriptionKey,
  type OperationOutcome,
  type PendingOperation,
  type SubscriptionRecord,
} from './model.js';

/** Turns a pending operation into the new record, the outcome the caller sees, and the events to send. */
export type Applier = (
  sub: SubscriptionRecord,
  op: PendingOperation,
  transaction: Transaction | undefined,
  now: Date,
) => { next: SubscriptionRecord; outcome: OperationOutcome; events: NotificationEvent[] };

/** What a planner decides from the current record: the operation, or a refusal. */
export type Plan = Omit<PendingOperation, 'opId' | 'createdAt'>;

/** An outcome plus whether it was already done by an earlier click. */
export type ChangeOutcome = OperationOutcome & { readonly alreadyDone: boolean };

/** A pending operation older than this is finished or dropped by the lifecycle job. */
export const STALE_OPERATION_MS = 2 * 60 * 1000;

type Begin =
  | { kind: 'done'; outcome: OperationOutcome; alreadyDone: boolean }
  | { kind: 'refused'; result: Result<ChangeOutcome> }
  | { kind: 'pending'; op: PendingOperation };

/**
 * Executes subscription changes so that each operation id takes effect once: a repeated click gets the stored
 * outcome, a change that moves money holds the record (others are told to wait) until its charge or refund is
 * done, and a crash in between is finished or undone by {@link recover}.
 */
export class ChangeRunner {
  constructor(
    private readonly records: Records,
    private readonly provider: PaymentProvider,
    private readonly outbox: NotificationOutbox,
    private readonly clock: Clock,
    private readonly appliers: Readonly<Record<PendingOperation['type'], Applier>>,
  ) {}

  async run(
    subscriptionId: string,
    opId: string,
    plan: (sub: SubscriptionRecord) => Result<Plan>,
  ): Promise<Result<ChangeOutcome>> {
    const key = subscriptionKey(subscriptionId);
    const begun = await this.records.update<SubscriptionRecord, Begin>(key, (sub) => {
      if (!sub)
        return {
          result: { kind: 'refused', result: refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId }) },
        };
      const done = appliedOutcome(sub, opId);
      if (done) return { result: { kind: 'done', outcome: done, alreadyDone: true } };
      if (sub.pendingOperation) {
        if (sub.pendingOperation.opId === opId)
          return { result: { kind: 'pending', op: sub.pendingOperation } };
        return {
          result: { kind: 'refused', result: refuse('OPERATION_IN_PROGRESS', { subscriptionId }) },
        };
      }
      const planned = plan(sub);
      if (!planned.ok) return { result: { kind: 'refused', result: planned } };
      const op: PendingOperation = {
        ...planned.value,
        opId,
        createdAt: this.clock.now().toISOString(),
      };
      if (op.amountCents === 0) {
        // No money moves: apply at once, in this same write.
        const applied = this.appliers[op.type](sub, op, undefined, this.clock.now());
        return {
          write: withApplied(applied.next, applied.outcome, applied.events),
          result: {
            kind: 'done',
            outcome: applied.outcome,
            alreadyDone: false,
          },
        };
      }
      return { write: { ...sub, pendingOperation: op }, result: { kind: 'pending', op } };
    });
    if (begun.kind === 'refused') return begun.result;
    if (begun.kind === 'done') {
      await this.outbox.flush<SubscriptionRecord>(key);
      return ok({ ...begun.outcome, alreadyDone: begun.alreadyDone });
    }
    return this.finish(subscriptionId, begun.op);
  }

  /** Finishes or drops a stale pending operation (after a crash); charges are never made here, only confirmed. */
  async recover(sub: SubscriptionRecord): Promise<void> {
    const op = sub.pendingOperation;
    if (!op || this.clock.now().getTime() - Date.parse(op.createdAt) < STALE_OPERATION_MS) return;
    if (op.amountCents > 0) {
      const transaction = await this.provider.findTransaction(transactionKey(sub.id, op.opId));
      if (transaction?.status !== 'succeeded') {
        await this.dropPending(sub.id, op.opId);
        return;
      }
    }
    await this.finish(sub.id, op);
  }

  private async finish(
    subscriptionId: string,
    op: PendingOperation,
  ): Promise<Result<ChangeOutcome>> {
    const key = subscriptionKey(subscriptionId);
    const sub = await this.records.read<SubscriptionRecord>(key);
    const card = op.card ?? sub?.paymentMethod;
    if (!card) throw new Error(`Subscription ${subscriptionId} has no card for ${op.type}`);
    const request = {
      token: card.token,
      amountCents: Math.abs(op.amountCents),
      idempotencyKey: transactionKey(subscriptionId, op.opId),
      description: `${op.type} on ${subscriptionId}`,
    };
    const transaction =
      op.amountCents > 0
        ? await this.provider.charge(request)
        : await this.provider.refund(request);
    if (op.amountCents > 0 && transaction.status !== 'succeeded') {
      await this.dropPending(subscriptionId, op.opId);
      return refuse('PAYMENT_DECLINED', { declineCode: transaction.declineCode, subscriptionId });
    }
    type Commit =
      { kind: 'applied'; outcome: OperationOutcome; alreadyDone: boolean } | { kind: 'lost' };
    const committed = await this.records.update<SubscriptionRecord, Commit>(key, (current) => {
      if (!current) return { result: { kind: 'lost' } };
      const done = appliedOutcome(current, op.opId);
      if (done) return { result: { kind: 'applied', outcome: done, alreadyDone: true } };
      if (current.pendingOperation?.opId !== op.opId) return { result: { kind: 'lost' } };
      const applied = this.appliers[op.type](current, op, transaction, this.clock.now());
      return {
        write: withApplied(
          { ...applied.next, pendingOperation: undefined },
          applied.outcome,
          applied.events,
        ),
        result: {
          kind: 'applied',
          outcome: applied.outcome,
          alreadyDone: false,
        },
      };
    });
    if (committed.kind === 'lost') {
      // The operation was given up (by the lifecycle job) while the money moved: move it back.
      if (op.amountCents > 0) {
        await this.provider.refund({
          ...request,
          idempotencyKey: `${request.idempotencyKey}:undo`,
        });
      }
      return refuse('OPERATION_IN_PROGRESS', { subscriptionId });
    }
    await this.outbox.flush<SubscriptionRecord>(key);
    return ok({ ...committed.outcome, alreadyDone: committed.alreadyDone });
  }

  private async dropPending(subscriptionId: string, opId: string): Promise<void> {
    await this.records.update<SubscriptionRecord, void>(
      subscriptionKey(subscriptionId),
      (current) =>
        current?.pendingOperation?.opId === opId
          ? { write: { ...current, pendingOperation: undefined }, result: undefined }
          : { result: undefined },
    );
  }
}

/** The provider key of an operation's charge or refund. */
export function transactionKey(subscriptionId: string, opId: string): string {
  return `${subscriptionKey(subscriptionId)}:${opId}`;
}

function withApplied(
  next: SubscriptionRecord,
  outcome: OperationOutcome,
  events: NotificationEvent[],
): SubscriptionRecord {
  return {
    ...next,
    appliedOperations: remember(next.appliedOperations, outcome),
    outbox: [...(next.outbox ?? []), ...events],
  };
}
