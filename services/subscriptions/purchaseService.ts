// Purchases and trials (§3.1, §3.4, S-6 to S-9, S-14, S-23): one idempotent saga from confirmation to receipt.

import { createHash } from 'node:crypto';
import type { Caller } from '../access/actor.js';
import { findProductById } from '../catalog/catalog.js';
import { unitPriceAt, type Product } from '../catalog/products.js';
import type { Clock } from '../clock.js';
import { DirectoryUnavailableError, type Directory, type Role } from '../directory/directory.js';
import type { EligibilityService, Intent } from '../eligibility/eligibility.js';
import { addDays, addMonths, type Cents } from '../money.js';
import { eventsFor, makeEvent } from '../notifications/eventFactory.js';
import type { NotificationEvent } from '../notifications/events.js';
import type { PaymentChoice, PaymentMethods, SavedCard } from '../payments/paymentMethods.js';
import type { PaymentProvider, Transaction } from '../payments/paymentProvider.js';
import { ok, refuse, type Refusal, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import {
  TRIAL_DAYS,
  grantsAccess,
  type SubscriptionCard,
  type SubscriptionKind,
  type SubscriptionRecord,
} from './model.js';
import type { SubscriptionRepository } from './subscriptionRepository.js';

/** A confirmed checkout. The idempotency key is the checkout card's own action id. */
export interface PurchaseRequest {
  readonly caller: Caller;
  readonly productId: string;
  readonly quantity: number;
  readonly payment: PaymentChoice;
  readonly idempotencyKey: string;
}

/** A trial start; without `payment` it is a trial without payment method. */
export interface TrialRequest {
  readonly caller: Caller;
  readonly productId: string;
  readonly payment?: PaymentChoice;
  readonly idempotencyKey: string;
}

/** What the buyer is shown after confirming. `alreadyDone` is true for a repeated click. */
export interface Receipt {
  readonly subscriptionId: string;
  readonly orderId: string;
  readonly kind: SubscriptionKind;
  readonly productId: string;
  readonly productName: string;
  readonly quantity: number;
  readonly unitPriceCents: Cents;
  readonly totalCents: Cents;
  readonly card?: { readonly brand: string; readonly last4: string };
  readonly expirationDate: string;
  readonly assignedToBuyer: boolean;
  readonly alreadyDone: boolean;
}

interface PurchaseIntent {
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
 * Runs a purchase or trial as: check eligibility again (S-6), write the intent, charge with the intent's key, create
 * the subscription, mark the intent completed. Every step can be repeated, so a double click, a re-delivered
 * message or a crash half-way gives one order and one charge.
 */
export class PurchaseService {
  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly eligibility: EligibilityService,
    private readonly paymentMethods: PaymentMethods,
    private readonly provider: PaymentProvider,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  /** Buys `quantity` licenses, charging the chosen card now (S-7). */
  async purchase(request: PurchaseRequest): Promise<Result<Receipt>> {
    const product = findProductById(request.productId);
    if (!product) return refuse('PRODUCT_UNKNOWN', { productId: request.productId });
    const fingerprint = `purchase|${product.productId}|${request.quantity}|${paymentFingerprint(request.payment)}`;
    const key = intentKey(request.caller, request.idempotencyKey);
    const existing = await this.records.read<PurchaseIntent>(key);
    if (existing) return this.resume(key, existing, fingerprint);

    const card =
      'cardId' in request.payment
        ? await this.paymentMethods.resolve(request.caller, request.payment)
        : undefined;
    const verdict = await this.eligibility.check({
      applicant: { caller: request.caller },
      product,
      intent: 'purchase',
      quantity: request.quantity,
      paymentKind:
        'kind' in request.payment ? request.payment.kind : card?.ok ? card.value.kind : undefined,
    });
    if (!verdict.eligible) return refuse(verdict.code, verdict.facts);
    if (!card) return refuse('PAYMENT_METHOD_NOT_FOUND', {});
    if (!card.ok) return card;
    const prepared = await this.prepare(request.caller, product, false);
    if (!prepared.ok) return prepared;
    const unitPriceCents = unitPriceAt(product, this.clock.now()) ?? 0;
    return this.start(key, {
      ...prepared.value,
      state: 'pending',
      fingerprint,
      kind: 'Paid',
      tenantId: request.caller.tenantId,
      userId: request.caller.userId,
      productId: product.productId,
      quantity: request.quantity,
      unitPriceCents,
      amountCents: unitPriceCents * request.quantity,
      subscriptionId: this.repository.newId(),
      orderId: await this.repository.nextOrderId(),
      card: subscriptionCard(card.value),
      createdAt: this.clock.now().toISOString(),
    });
  }

  /** Starts a 30-day trial of one license for the caller (S-14); with a card it converts to paid at the end. */
  async startTrial(request: TrialRequest): Promise<Result<Receipt>> {
    const product = findProductById(request.productId);
    if (!product) return refuse('PRODUCT_UNKNOWN', { productId: request.productId });
    const intent: Intent = request.payment ? 'trialWithPayment' : 'trialWithoutPayment';
    const fingerprint = `${intent}|${product.productId}|${request.payment ? paymentFingerprint(request.payment) : ''}`;
    const key = intentKey(request.caller, request.idempotencyKey);
    const existing = await this.records.read<PurchaseIntent>(key);
    if (existing) return this.resume(key, existing, fingerprint);

    // One trial per person and product: the claim names the purchase that took it, so a second click of the same
    // button (same idempotency key) racing the first is the same trial, not a second one.
    const claim = trialClaimKey(request.caller, product.productId);
    const claimedBy = await this.records.read<string>(claim);
    const card = request.payment
      ? await this.paymentMethods.resolve(request.caller, request.payment)
      : undefined;
    const verdict = await this.eligibility.check({
      applicant: { caller: request.caller },
      product,
      intent,
      paymentKind:
        request.payment && 'kind' in request.payment
          ? request.payment.kind
          : card?.ok
            ? card.value.kind
            : undefined,
      hadTrial: claimedBy !== undefined && claimedBy !== key,
    });
    if (!verdict.eligible) return refuse(verdict.code, verdict.facts);
    if (card && !card.ok) return card;
    const prepared = await this.prepare(request.caller, product, true);
    if (!prepared.ok) return prepared;
    if (
      !(await this.records.create(claim, key)) &&
      (await this.records.read<string>(claim)) !== key
    ) {
      return refuse('TRIAL_NOT_AVAILABLE', {
        productName: product.name,
        reason: 'alreadyHadTrial',
      });
    }
    return this.start(key, {
      ...prepared.value,
      state: 'pending',
      fingerprint,
      kind: card ? 'TrialWithPayment' : 'TrialNoPayment',
      tenantId: request.caller.tenantId,
      userId: request.caller.userId,
      productId: product.productId,
      quantity: 1,
      unitPriceCents: unitPriceAt(product, this.clock.now()) ?? 0,
      amountCents: 0,
      subscriptionId: this.repository.newId(),
      orderId: await this.repository.nextOrderId(),
      card: card?.ok ? subscriptionCard(card.value) : undefined,
      createdAt: this.clock.now().toISOString(),
    });
  }

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
        await this.fail(key, { code: 'OPERATION_IN_PROGRESS', facts: { reason: 'abandoned' } });
      } else {
        await this.complete(key, intent, true);
      }
      recovered += 1;
    }
    return recovered;
  }

  private async start(key: string, intent: PurchaseIntent): Promise<Result<Receipt>> {
    if (!(await this.records.create(key, intent))) {
      const winner = await this.records.read<PurchaseIntent>(key);
      if (!winner) throw new Error(`Purchase intent ${key} vanished`);
      return this.resume(key, winner, intent.fingerprint);
    }
    await this.records.addToSet(PENDING_INDEX, key);
    return this.complete(key, intent, false);
  }

  private async resume(
    key: string,
    intent: PurchaseIntent,
    fingerprint: string,
  ): Promise<Result<Receipt>> {
    if (intent.fingerprint !== fingerprint) return refuse('IDEMPOTENCY_KEY_REUSED', {});
    if (intent.state === 'completed' && intent.receipt)
      return ok({ ...intent.receipt, alreadyDone: true });
    if (intent.state === 'failed' && intent.refusal) {
      return { ok: false, refusal: intent.refusal };
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
        return { ok: false, refusal: now.refusal ?? { code: 'OPERATION_IN_PROGRESS', facts: {} } };
      }
    }
    const product = findProductById(intent.productId);
    if (!product) throw new Error(`Product ${intent.productId} left the catalog`);
    const sub = await this.buildSubscription(intent, product, transaction);
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

  private async buildSubscription(
    intent: PurchaseIntent,
    product: Product,
    transaction: Transaction | undefined,
  ): Promise<SubscriptionRecord> {
    const now = new Date(intent.createdAt);
    const trial = intent.kind !== 'Paid';
    const expiration = trial ? addDays(now, TRIAL_DAYS) : addMonths(now, 1);
    const assign = trial || intent.assignBuyer;
    const facts = {
      productId: product.productId,
      productName: product.name,
      purchaserUserId: intent.userId,
      purchaserName: intent.purchaserName,
      quantity: intent.quantity,
      unitPriceCents: intent.unitPriceCents,
      amountCents: intent.amountCents,
      orderId: intent.orderId,
      at: intent.createdAt,
      expirationDate: expiration.toISOString(),
      trialKind: intent.kind,
    };
    const spec = {
      tenantId: intent.tenantId,
      subjectId: intent.subscriptionId,
      occurrence: intent.orderId,
      facts,
    };
    const events: NotificationEvent[] = [
      makeEvent(
        {
          ...spec,
          kind: trial ? 'BuyerTrialStarted' : 'BuyerPurchaseConfirmed',
          recipientUserId: intent.userId,
        },
        now,
      ),
    ];
    if (trial) {
      events.push(...(await this.firstTrialEvents(intent, spec, now)));
    } else {
      events.push(...eventsFor(intent.adminIds, { ...spec, kind: 'AdminPurchaseCreated' }, now));
    }
    const iso = now.toISOString();
    return {
      id: intent.subscriptionId,
      tenantId: intent.tenantId,
      productId: product.productId,
      productName: product.name,
      channel: 'SelfService',
      kind: intent.kind,
      purchaserUserId: intent.userId,
      quantity: intent.quantity,
      assignedUserIds: assign ? [intent.userId] : [],
      status: 'Active',
      statusChangedAt: iso,
      startDate: iso,
      termStart: iso,
      expirationDate: expiration.toISOString(),
      termNumber: 1,
      windowAnchor: iso,
      recurringBilling: intent.kind !== 'TrialNoPayment',
      unitPriceCents: intent.unitPriceCents,
      paymentMethod: intent.card,
      orders: [
        {
          id: intent.orderId,
          at: iso,
          type: 'New',
          quantityDelta: intent.quantity,
          amountCents: intent.amountCents,
          byUserId: intent.userId,
        },
      ],
      invoices:
        intent.amountCents > 0
          ? [
              {
                id: `INV-${intent.orderId}`,
                orderId: intent.orderId,
                at: iso,
                amountCents: intent.amountCents,
                status: 'Paid',
                periodStart: iso,
                periodEnd: expiration.toISOString(),
                transactionId: transaction?.id,
                paidAt: iso,
              },
            ]
          : [],
      appliedOperations: [],
      outbox: events,
    };
  }

  /** S-23: Global admins hear about the first trial of each product in the tenant, once. */
  private async firstTrialEvents(
    intent: PurchaseIntent,
    spec: {
      tenantId: string;
      subjectId: string;
      occurrence: string;
      facts: Record<string, unknown>;
    },
    now: Date,
  ): Promise<NotificationEvent[]> {
    const flag = `trial-first:${intent.tenantId}:${intent.productId}`;
    await this.records.create(flag, intent.subscriptionId);
    if ((await this.records.read<string>(flag)) !== intent.subscriptionId) return [];
    return eventsFor(
      intent.adminIds,
      { ...spec, facts: spec.facts as NotificationEvent['facts'], kind: 'AdminFirstTrialStarted' },
      now,
    );
  }

  /**
   * Everything the directory must say about a purchase, asked before the intent is written and the card charged:
   * the buyer's name, S-8 (already licensed by another subscription of the product?) and who is notified.
   */
  private async prepare(
    caller: Caller,
    product: Product,
    trial: boolean,
  ): Promise<Result<Pick<PurchaseIntent, 'purchaserName' | 'assignBuyer' | 'adminIds'>>> {
    try {
      const buyer = await this.directory.getUser(caller.tenantId, caller.userId);
      const others = await this.repository.listByTenant(caller.tenantId);
      const alreadyLicensed = others.some(
        (s) =>
          s.productId === product.productId &&
          grantsAccess(s) &&
          s.assignedUserIds.includes(caller.userId),
      );
      const roles: Role[] = trial
        ? ['GlobalAdministrator']
        : ['GlobalAdministrator', 'BillingAdministrator'];
      const admins = await this.directory.usersWithRoles(caller.tenantId, roles);
      return ok({
        purchaserName: buyer?.displayName ?? caller.userId,
        assignBuyer: !alreadyLicensed,
        adminIds: [...new Set(admins.map((a) => a.id))],
      });
    } catch (error) {
      if (error instanceof DirectoryUnavailableError) {
        return refuse('DIRECTORY_UNAVAILABLE', { detail: error.message });
      }
      throw error;
    }
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

function intentKey(caller: Caller, idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `purchase:${caller.tenantId}:${caller.userId}:${digest}`;
}

function trialClaimKey(caller: Caller, productId: string): string {
  return `trial-claim:${caller.tenantId}:${caller.userId}:${productId}`;
}

function paymentFingerprint(choice: PaymentChoice): string {
  return 'cardId' in choice ? choice.cardId : choice.kind;
}

function subscriptionCard(card: SavedCard): SubscriptionCard {
  return {
    cardId: card.cardId,
    token: card.token,
    brand: card.brand,
    kind: card.kind,
    last4: card.last4,
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
    holder: card.holder,
  };
}
