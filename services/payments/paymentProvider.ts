// The payment port: tokenize a card, charge and refund with idempotency keys. A real provider can implement it.

import type { Cents } from '../money.js';
import type { Result } from '../result.js';

export type CardBrand = 'Visa' | 'Mastercard' | 'American Express' | 'Discover';

/** What the buyer typed. It lives only for the length of {@link PaymentProvider.tokenize}; nothing keeps it. */
export interface CardDetails {
  readonly number: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly cvc: string;
  readonly holder: string;
}

/** All that is kept of a card: the provider's token, brand, last 4 digits, expiry and holder name. */
export interface TokenizedCard {
  readonly token: string;
  readonly brand: CardBrand;
  readonly kind: 'CreditCard' | 'DebitCard';
  readonly last4: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly holder: string;
}

/** A charge or a refund, as the provider recorded it under its idempotency key. */
export interface Transaction {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly type: 'charge' | 'refund';
  readonly token: string;
  readonly amountCents: Cents;
  readonly status: 'succeeded' | 'declined';
  /** Why a charge was declined, as a code the bot words ("insufficient_funds"). */
  readonly declineCode?: string;
  readonly at: string;
}

/** The outcome of {@link PaymentProvider.verify}. */
export interface Verification {
  readonly status: 'succeeded' | 'declined';
  /** Why the card was declined, as for a charge ("stolen_card"). */
  readonly declineCode?: string;
}

export interface ChargeRequest {
  readonly token: string;
  readonly amountCents: Cents;
  /** The same key always gives the same transaction: a retried charge is never taken twice. */
  readonly idempotencyKey: string;
  readonly description: string;
}

/** The payment provider. Implementations must be idempotent per key and must never log card numbers. */
export interface PaymentProvider {
  /** Validates a card and exchanges it for a token; refusals are CARD_INVALID with a `reason` fact. */
  tokenize(card: CardDetails): Promise<Result<TokenizedCard>>;
  charge(request: ChargeRequest): Promise<Transaction>;
  refund(request: ChargeRequest): Promise<Transaction>;
  /**
   * Checks that the card behind a token can be charged, without taking money (a zero-amount authorization), so a
   * card given for later charges (a trial, a subscription's new card) is known to work before it is kept.
   */
  verify(token: string): Promise<Verification>;
  /** The transaction made under this key, if any (used to finish operations interrupted by a crash). */
  findTransaction(idempotencyKey: string): Promise<Transaction | undefined>;
}
