// A buyer's billing profile: the cards they saved (token, brand, last 4, expiry), chosen again at checkout.

import { randomBytes } from 'node:crypto';
import type { Caller } from '../access/actor.js';
import type { Clock } from '../clock.js';
import type { PaymentKind } from '../eligibility/eligibility.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { CardDetails, PaymentProvider, TokenizedCard } from './paymentProvider.js';

/** A card on file. The full number and the security code were never stored. */
export interface SavedCard extends TokenizedCard {
  readonly cardId: string;
  readonly addedAt: string;
}

interface Profile {
  readonly cards: readonly SavedCard[];
}

const profileKey = (c: Caller): string => `paymethods:${c.tenantId}:${c.userId}`;

/** How the buyer pays: a saved card, or another way that rule 8 refuses. */
export type PaymentChoice = { readonly cardId: string } | { readonly kind: PaymentKind };

/** Adds and lists the buyer's cards. */
export class PaymentMethods {
  constructor(
    private readonly records: Records,
    private readonly provider: PaymentProvider,
    private readonly clock: Clock,
  ) {}

  /**
   * Tokenizes and saves a card. The same card (brand, last 4, expiry) entered again replaces the old entry, so the
   * list does not fill with copies.
   */
  async addCard(caller: Caller, card: CardDetails): Promise<Result<SavedCard>> {
    const tokenized = await this.provider.tokenize(card);
    if (!tokenized.ok) return tokenized;
    const saved: SavedCard = {
      ...tokenized.value,
      cardId: `card_${randomBytes(6).toString('hex')}`,
      addedAt: this.clock.now().toISOString(),
    };
    const result = await this.records.update<Profile, SavedCard>(profileKey(caller), (current) => {
      const cards = current?.cards ?? [];
      const same = cards.find(
        (c) =>
          c.brand === saved.brand &&
          c.last4 === saved.last4 &&
          c.expiryMonth === saved.expiryMonth &&
          c.expiryYear === saved.expiryYear,
      );
      const entry = same ? { ...saved, cardId: same.cardId } : saved;
      return {
        write: { cards: [...cards.filter((c) => c.cardId !== entry.cardId), entry] },
        result: entry,
      };
    });
    return ok(result);
  }

  /** The caller's cards, newest last. */
  async list(caller: Caller): Promise<SavedCard[]> {
    return [...((await this.records.read<Profile>(profileKey(caller)))?.cards ?? [])];
  }

  /** Resolves a payment choice to a saved card, or refuses: another payment kind, or an unknown card. */
  async resolve(caller: Caller, choice: PaymentChoice): Promise<Result<SavedCard>> {
    if ('kind' in choice) {
      if (choice.kind === 'CreditCard' || choice.kind === 'DebitCard') {
        return refuse('PAYMENT_METHOD_NOT_FOUND', {});
      }
      return refuse('PAYMENT_METHOD_NOT_SUPPORTED', { paymentKind: choice.kind });
    }
    const card = (await this.list(caller)).find((c) => c.cardId === choice.cardId);
    return card ? ok(card) : refuse('PAYMENT_METHOD_NOT_FOUND', { cardId: choice.cardId });
  }
}
