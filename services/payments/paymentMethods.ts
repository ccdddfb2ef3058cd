// A buyer's billing profile: the cards they saved (token, brand, last 4, expiry), chosen again at checkout.

import { createHash, randomBytes } from 'node:crypto';
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
  /** Cards typed in for one payment that has not succeeded yet: resolvable, but not listed or offered. */
  readonly held?: readonly SavedCard[];
}

const profileKey = (c: Caller): string => `paymethods:${c.tenantId}:${c.userId}`;

/** How the buyer pays: a saved card, or another way that rule 8 refuses. */
export type PaymentChoice = { readonly cardId: string } | { readonly kind: PaymentKind };

const sameCard = (a: TokenizedCard, b: TokenizedCard): boolean =>
  a.brand === b.brand &&
  a.last4 === b.last4 &&
  a.expiryMonth === b.expiryMonth &&
  a.expiryYear === b.expiryYear;

/**
 * Adds and lists the buyer's cards. A card typed in for a payment is first held ({@link PaymentMethods.hold}) and
 * kept only when the payment or a verification with it succeeded, so a declined card is never offered again.
 */
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
      const same = cards.find((c) => sameCard(c, saved));
      const entry = same ? { ...saved, cardId: same.cardId } : saved;
      return {
        write: { ...current, cards: [...cards.filter((c) => c.cardId !== entry.cardId), entry] },
        result: entry,
      };
    });
    return ok(result);
  }

  /**
   * Tokenizes a card typed in for one payment and holds it: it can be charged, but it is not listed until
   * {@link keep}, and {@link release} forgets it. The same card typed again for the same payment (a double click,
   * `holdKey` is the payment's idempotency key) gets the same id even after a release, so the payment's idempotency
   * check sees the same card. A card already kept is returned as it is.
   */
  async hold(caller: Caller, card: CardDetails, holdKey: string): Promise<Result<SavedCard>> {
    const tokenized = await this.provider.tokenize(card);
    if (!tokenized.ok) return tokenized;
    const fingerprint = [holdKey, tokenized.value.brand, tokenized.value.last4];
    fingerprint.push(`${tokenized.value.expiryMonth}/${tokenized.value.expiryYear}`);
    const digest = createHash('sha256').update(fingerprint.join('|')).digest('hex');
    const held: SavedCard = {
      ...tokenized.value,
      cardId: `card_${digest.slice(0, 12)}`,
      addedAt: this.clock.now().toISOString(),
    };
    const result = await this.records.update<Profile, SavedCard>(profileKey(caller), (current) => {
      const kept = current?.cards.find((c) => sameCard(c, held));
      if (kept) return { result: kept };
      const already = current?.held?.find((c) => c.cardId === held.cardId);
      if (already) return { result: already };
      return {
        write: { cards: current?.cards ?? [], held: [...(current?.held ?? []), held] },
        result: held,
      };
    });
    return ok(result);
  }

  /**
   * Keeps a held card for later payments (its payment or verification succeeded) and returns the card as kept: the
   * same card kept meanwhile stays the one entry for it. A card already kept is returned as it is.
   */
  async keep(caller: Caller, cardId: string): Promise<SavedCard | undefined> {
    return this.records.update<Profile, SavedCard | undefined>(profileKey(caller), (current) => {
      const held = current?.held?.find((c) => c.cardId === cardId);
      if (!current || !held) return { result: current?.cards.find((c) => c.cardId === cardId) };
      const same = current.cards.find((c) => sameCard(c, held));
      return {
        write: {
          cards: same ? current.cards : [...current.cards, held],
          held: (current.held ?? []).filter((c) => c.cardId !== cardId),
        },
        result: same ?? held,
      };
    });
  }

  /** Forgets a held card (its payment failed); a card kept earlier is never removed by this. */
  async release(caller: Caller, cardId: string): Promise<void> {
    await this.records.update<Profile, void>(profileKey(caller), (current) =>
      current?.held?.some((c) => c.cardId === cardId)
        ? {
            write: { ...current, held: current.held.filter((c) => c.cardId !== cardId) },
            result: undefined,
          }
        : { result: undefined },
    );
  }

  /** Checks with the provider that a card can be charged, without charging it; a decline is PAYMENT_DECLINED. */
  async verify(card: SavedCard): Promise<Result<SavedCard>> {
    const verification = await this.provider.verify(card.token);
    return verification.status === 'succeeded'
      ? ok(card)
      : refuse('PAYMENT_DECLINED', { declineCode: verification.declineCode });
  }

  /** The caller's cards, newest last; held cards are not among them. */
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
    const profile = await this.records.read<Profile>(profileKey(caller));
    const card = [...(profile?.cards ?? []), ...(profile?.held ?? [])].find(
      (c) => c.cardId === choice.cardId,
    );
    return card ? ok(card) : refuse('PAYMENT_METHOD_NOT_FOUND', { cardId: choice.cardId });
  }
}
