// Purchases and trials (§3.1, §3.4, S-6 to S-9, S-14, S-23): one idempotent saga from confirmation to receipt.

import type { Caller } from '../access/actor.js';
import { findProductById } from '../catalog/catalog.js';
import { unitPriceAt, type Product } from '../catalog/products.js';
import type { Clock } from '../clock.js';
import { DirectoryUnavailableError, type Directory, type Role } from '../directory/directory.js';
import type { EligibilityService, Intent } from '../eligibility/eligibility.js';
import type { Cents } from '../money.js';
import type { PaymentChoice, PaymentMethods, SavedCard } from '../payments/paymentMethods.js';
import type { PaymentProvider } from '../payments/paymentProvider.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import { grantsAccess, type SubscriptionCard, type SubscriptionKind } from './model.js';
import { intentKey, PurchaseIntents, type PurchaseIntent } from './purchaseIntents.js';
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

/**
 * Runs a purchase or trial as: check eligibility again (S-6), write the intent, charge with the intent's key, create
 * the subscription, mark the intent completed. Every step can be repeated, so a double click, a re-delivered
 * message or a crash half-way gives one order and one charge.
 */
export class PurchaseService {
  private readonly intents: PurchaseIntents;

  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly eligibility: EligibilityService,
    private readonly paymentMethods: PaymentMethods,
    provider: PaymentProvider,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {
    this.intents = new PurchaseIntents(records, repository, provider, clock);
  }

  /** Buys `quantity` licenses, charging the chosen card now (S-7). */
  async purchase(request: PurchaseRequest): Promise<Result<Receipt>> {
    const product = findProductById(request.productId);
    if (!product) return refuse('PRODUCT_UNKNOWN', { productId: request.productId });
    const fingerprint = `purchase|${product.productId}|${request.quantity}|${paymentFingerprint(request.payment)}`;
    const key = intentKey(request.caller, request.idempotencyKey);
    const existing = await this.records.read<PurchaseIntent>(key);
    if (existing) return this.intents.resume(key, existing, fingerprint);

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
    return this.intents.start(key, {
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
    if (existing) return this.intents.resume(key, existing, fingerprint);

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
    return this.intents.start(key, {
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
    return this.intents.recoverStale();
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
