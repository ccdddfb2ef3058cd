// A card provider that behaves like a real one for the published test numbers, persisted in the store.

import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type {
  CardDetails,
  ChargeRequest,
  PaymentProvider,
  TokenizedCard,
  Transaction,
  Verification,
} from './paymentProvider.js';
import { TEST_CARDS, brandOf, passesLuhn } from './testCards.js';

interface TokenRecord extends TokenizedCard {
  readonly declineCode?: string;
}

/**
 * A card token is a secret (whoever has it can charge the card), and store keys end up in places secrets must not
 * (error messages, logs, key listings): keys carry a hash of the token, never the token.
 */
const tokenId = (token: string): string =>
  createHash('sha256').update(token).digest('hex').slice(0, 32);
const tokenKey = (token: string): string => `pay:token:${tokenId(token)}`;
const transactionKey = (idempotencyKey: string): string => `pay:txn:${idempotencyKey}`;
const ledgerKey = (token: string): string => `pay:ledger:${tokenId(token)}`;

/**
 * Tokenizes only published test cards; declines come from the decline test numbers and from expired cards.
 * The card number and security code are checked and then dropped: only the token, brand, last 4 digits and expiry
 * are written anywhere.
 */
export class SimulatedCardProvider implements PaymentProvider {
  constructor(
    private readonly records: Records,
    private readonly clock: Clock,
  ) {}

  async tokenize(card: CardDetails): Promise<Result<TokenizedCard>> {
    const digits = card.number.replace(/[\s-]/g, '');
    if (!/^\d+$/.test(digits) || !passesLuhn(digits))
      return refuse('CARD_INVALID', { reason: 'number' });
    const brand = brandOf(digits);
    if (!brand) return refuse('CARD_INVALID', { reason: 'brand' });
    const testCard = TEST_CARDS.find((c) => c.number === digits);
    if (!testCard) return refuse('CARD_INVALID', { reason: 'notATestCard' });
    if (!validExpiry(card.expiryMonth, card.expiryYear))
      return refuse('CARD_INVALID', { reason: 'expiry' });
    if (isExpired(card.expiryMonth, card.expiryYear, this.clock.now())) {
      return refuse('CARD_INVALID', { reason: 'expired' });
    }
    const cvcLength = brand === 'American Express' ? 4 : 3;
    if (!new RegExp(`^\\d{${cvcLength}}$`).test(card.cvc.trim())) {
      return refuse('CARD_INVALID', { reason: 'cvc', cvcLength });
    }
    const holder = card.holder.trim();
    if (holder.length === 0 || holder.length > 100)
      return refuse('CARD_INVALID', { reason: 'holder' });
    const record: TokenRecord = {
      token: `tok_${randomUUID().replace(/-/g, '')}`,
      brand,
      kind: testCard.kind,
      last4: digits.slice(-4),
      expiryMonth: card.expiryMonth,
      expiryYear: card.expiryYear,
      holder,
      declineCode: testCard.declineCode,
    };
    await this.records.create(tokenKey(record.token), record);
    const { declineCode: _hidden, ...tokenized } = record;
    return ok(tokenized);
  }

  charge(request: ChargeRequest): Promise<Transaction> {
    return this.transact('charge', request);
  }

  refund(request: ChargeRequest): Promise<Transaction> {
    return this.transact('refund', request);
  }

  /** Declines exactly as a charge on the card would, and records nothing. */
  async verify(token: string): Promise<Verification> {
    const card = await this.records.read<TokenRecord>(tokenKey(token));
    const declineCode = !card
      ? 'unknown_token'
      : (card.declineCode ??
        (isExpired(card.expiryMonth, card.expiryYear, this.clock.now())
          ? 'expired_card'
          : undefined));
    return declineCode ? { status: 'declined', declineCode } : { status: 'succeeded' };
  }

  findTransaction(idempotencyKey: string): Promise<Transaction | undefined> {
    return this.records.read<Transaction>(transactionKey(idempotencyKey));
  }

  /** Every transaction on a card token, oldest first (for tests, the demo and support). */
  async transactionsFor(token: string): Promise<Transaction[]> {
    const ledger = (await this.records.read<{ keys: string[] }>(ledgerKey(token)))?.keys ?? [];
    const found = await Promise.all(ledger.map((k) => this.findTransaction(k)));
    return found.filter((t): t is Transaction => t !== undefined);
  }

  private async transact(type: Transaction['type'], request: ChargeRequest): Promise<Transaction> {
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) {
      throw new Error(
        `A ${type} needs a positive whole number of cents, not ${request.amountCents}`,
      );
    }
    const existing = await this.findTransaction(request.idempotencyKey);
    if (existing) return existing;
    const card = await this.records.read<TokenRecord>(tokenKey(request.token));
    const now = this.clock.now();
    let declineCode: string | undefined;
    if (!card) declineCode = 'unknown_token';
    else if (type === 'charge' && card.declineCode) declineCode = card.declineCode;
    else if (type === 'charge' && isExpired(card.expiryMonth, card.expiryYear, now)) {
      declineCode = 'expired_card';
    }
    const transaction: Transaction = {
      id: `${type === 'charge' ? 'ch' : 're'}_${randomUUID().replace(/-/g, '')}`,
      idempotencyKey: request.idempotencyKey,
      type,
      token: request.token,
      amountCents: request.amountCents,
      status: declineCode ? 'declined' : 'succeeded',
      declineCode,
      at: now.toISOString(),
    };
    const created = await this.records.create(transactionKey(request.idempotencyKey), transaction);
    if (!created) {
      // Another process made the transaction with this key first; that one is the transaction.
      const winner = await this.findTransaction(request.idempotencyKey);
      if (!winner) throw new Error(`Transaction ${request.idempotencyKey} vanished`);
      return winner;
    }
    await this.records.update<{ keys: string[] }, void>(ledgerKey(request.token), (current) => ({
      write: { keys: [...(current?.keys ?? []), request.idempotencyKey] },
      result: undefined,
    }));
    return transaction;
  }
}

function validExpiry(month: number, year: number): boolean {
  return (
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(year) &&
    year >= 2000 &&
    year <= 2100
  );
}

/** A card is valid through the last day of its expiry month. */
export function isExpired(month: number, year: number, now: Date): boolean {
  const firstDayAfter = Date.UTC(year, month, 1);
  return now.getTime() >= firstDayAfter;
}
