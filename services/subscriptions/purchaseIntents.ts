// Purchase intents (S-6, S-7): the idempotent saga from a written intent to a stored subscription and its receipt,
// and recovery of the intents a crash left pending.

import { createHash } from 'node:crypto';
import type { Caller } from '../access/actor.js';
import { findProductById } from '../catalog/catalog.js';
import type { Clock } from '../clock.js';
import type { Cents } from '../money.js';
import type { PaymentProvider, Transaction } from '../payments/paymentProvider.js';
import { ok, refuse, type Refusal, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { SubscriptionCard, SubscriptionKind } from './model.js';
import { buildSubscription } from './purchasedSubscription.js';
import type { Receipt } from './purchaseService.js';
import type { SubscriptionRepository } from './subscriptionRepository.js';

export interface PurchaseIntent {
  readonly state: 'pending' | 'completed' | 'failed';
  readonly fingerprint: string;
  readonly kind: SubscriptionKind;
  readonly tenantId: string;
  readonly userId: string;
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceCents: Cents;
  readonly amountCents: Cents;
  readonly subscriptionId: string;
  readonly orderId: string;
  readonly card?: SubscriptionCard;
  readonly createdAt: string;
  /** Looked up before any money moves, so that a directory outage later cannot strand a paid purchase. */
  readonly purchaserName: string;
  /** S-8, decided at confirmation. */
  readonly assignBuyer: boolean;
  /** Who hears of it: Global and Billing admins for a purchase, Global admins for a (first) trial (S-23). */
  readonly adminIds: readonly string[];
  readonly receipt?: Receipt;
  readonly refusal?: Refusal;
}

const PENDING_INDEX = 'index:pending-purchases';
/** A pending purchase older than this is finished or abandoned by the lifecycle job. */
export const STALE_INTENT_MS = 2 * 60 * 1000;

/**
 * The steps after the checks: write the intent, charge with the intent's key, create the subscription, mark the
 * intent completed. Every step can be repeated, so a double click, a re-delivered message or a crash half-way gives
 * one order and one charge.
 */
export class PurchaseIntents {
  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly provider: PaymentProvider,
    private readonly clock: Clock,
  ) {}

  /** Finishes or abandons purchases left pending by a crash; run by the lifecycle job. */
  async recoverStale(): Promise<number> {
    let recovered = 0;
    for (const key of await this.records.readSet(PENDING_INDEX)) {
      const intent = await this.records.read<PurchaseIntent>(key);
      if (!intent || intent.state !== 'pending') {
        await this.unindex(key);
        continue;
      }
      if (this.clock.now().getTime() - Date.parse(intent.createdAt) < STALE_INTENT_MS) continue;
      const transaction =
        intent.amountCents > 0 ? await this.provider.findTransaction(key) : undefined;
      if (intent.amountCents > 0 && transaction?.status !== 'succeeded') {
        // Stopped before the card was charged: a dead purchase, not a busy one. A click on it (now or later) is
        // told so and offered a new purchase; retrying this one can never succeed.
        await this.fail(key, { code: 'PURCHASE_ABANDONED', facts: {} });
      } else {
        await this.complete(key, intent, true);
      }
      recovered += 1;
    }
    return recovered;
  }

  /** Writes a new intent and carries it out; a lost race for the key resumes the winner's intent. */
  async start(key: string, intent: PurchaseIntent): Promise<Result<Receipt>> {
    if (!(await this.records.create(key, intent))) {
      const winner = await this.records.read<PurchaseIntent>(key);
      if (!winner) throw new Error(`Purchase intent ${key} vanished`);
      return this.resume(key, winner, intent.fingerprint);
    }
    await this.records.addToSet(PENDING_INDEX, key);
    return this.complete(key, intent, false);
  }

  /** Answers a repeated intent: its receipt, its refusal, or (still pending) carries it out. */
  async resume(key: string, intent: PurchaseIntent, fingerprint: string): Promise<Result<Receipt>> {
    if (intent.fingerprint !== fingerprint) return refuse('IDEMPOTENCY_KEY_REUSED', {});
    if (intent.state === 'completed' && intent.receipt)
      return ok({ ...intent.receipt, alreadyDone: true });
    if (intent.state === 'failed' && intent.refusal) {
      return { ok: false, refusal: abandonedAsSuch(intent.refusal) };
    }
    // Another click (or a crashed attempt) started this purchase; finish it and say it was already under way.
    return this.complete(key, intent, true);
  }

  private async complete(
    key: string,
    intent: PurchaseIntent,
    alreadyDone: boolean,
  ): Promise<Result<Receipt>> {
    let transaction: Transaction | undefined;
    if (intent.amountCents > 0 && intent.card) {
      transaction = await this.provider.charge({
        token: intent.card.token,
        amountCents: intent.amountCents,
        idempotencyKey: key,
        description: `Order ${intent.orderId}`,
      });
      if (transaction.status !== 'succeeded') {
        const refusal: Refusal = {
          code: 'PAYMENT_DECLINED',
          facts: { declineCode: transaction.declineCode },
        };
        await this.fail(key, refusal);
        return { ok: false, refusal };
      }
      const now = await this.records.read<PurchaseIntent>(key);
      if (now?.state === 'failed') {
        // The lifecycle job gave this purchase up while we were charging: give the money back.
        await this.provider.refund({
          ...transaction,
          idempotencyKey: `${key}:undo`,
          description: 'Abandoned order',
        });
        return { ok: false, refusal: { code: 'PURCHASE_ABANDONED', facts: { refunded: true } } };
      }
    }
    const product = findProductById(intent.productId);
    if (!product) throw new Error(`Product ${intent.productId} left the catalog`);
    const sub = await buildSubscription(this.records, intent, product, transaction);
    await this.repository.insert(sub);
    const stored = (await this.repository.get(sub.id)) ?? sub;
    const receipt: Receipt = {
      subscriptionId: stored.id,
      orderId: intent.orderId,
      kind: stored.kind,
      productId: stored.productId,
      productName: stored.productName,
      quantity: stored.quantity,
      unitPriceCents: intent.unitPriceCents,
      totalCents: intent.amountCents,
      card: stored.paymentMethod && {
        brand: stored.paymentMethod.brand,
        last4: stored.paymentMethod.last4,
      },
      expirationDate: stored.expirationDate,
      assignedToBuyer: stored.assignedUserIds.includes(intent.userId),
      alreadyDone: false,
    };
    await this.records.update<PurchaseIntent, void>(key, (current) =>
      current?.state === 'pending'
        ? { write: { ...current, state: 'completed', receipt }, result: undefined }
        : { result: undefined },
    );
    await this.unindex(key);
    return ok({ ...receipt, alreadyDone });
  }

  private async fail(key: string, refusal: Refusal): Promise<void> {
    await this.records.update<PurchaseIntent, void>(key, (current) =>
      current?.state === 'pending'
        ? { write: { ...current, state: 'failed', refusal }, result: undefined }
        : { result: undefined },
    );
    await this.unindex(key);
  }

  private async unindex(key: string): Promise<void> {
    await this.records.removeFromSet(PENDING_INDEX, key);
  }
}

/** Intents abandoned before this code had its own refusal were stored as OPERATION_IN_PROGRESS ('abandoned'). */
function abandonedAsSuch(refusal: Refusal): Refusal {
  return refusal.code === 'OPERATION_IN_PROGRESS' && refusal.facts.reason === 'abandoned'
    ? { code: 'PURCHASE_ABANDONED', facts: {} }
    : refusal;
}

/** The record key of a purchase intent: one per caller and idempotency key (the card's action id). */
export function intentKey(caller: Caller, idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `purchase:${caller.tenantId}:${caller.userId}:${digest}`;
}
