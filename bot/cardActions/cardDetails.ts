// Turns a card typed into a card form into a saved card; the number goes to the provider and nowhere else.

import { randomUUID } from 'node:crypto';
import type { Localizer } from '../../locales/localizer.js';
import type { Caller } from '../../services/access/actor.js';
import type { Domain } from '../../services/domain.js';
import type { SavedCard } from '../../services/payments/paymentMethods.js';
import { refusalMessage } from '../../cards/refusalMessage.js';

/** The card fields every card form has. */
export interface CardFields {
  readonly cardChoice?: string;
  readonly cardNumber?: string;
  readonly cardExpiry?: string;
  readonly cardCvc?: string;
  readonly cardHolder?: string;
}

/** "04/27", "0427", "4/2027" as month and four-digit year. */
export function parseExpiry(text: string | undefined): { month: number; year: number } | undefined {
  const match = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec((text ?? '').trim());
  if (!match?.[1] || !match[2]) return undefined;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : undefined;
}

/** The card to pay with; `settle` keeps a card typed in for this payment when it succeeded, and forgets it if not. */
export interface PaymentCard {
  readonly ok: true;
  readonly card: SavedCard;
  readonly settle: (succeeded: boolean) => Promise<SavedCard>;
}

/**
 * The card to charge: a card number typed into the form is a new card, whatever "Pay with" still shows, since
 * typing one is the clearer wish; otherwise the saved card chosen. A typed card is only held for this payment
 * (`holdKey`, the payment's idempotency key, so a double click holds the same card) until the caller settles it: a
 * declined card is never offered again. With `verify`, a typed card the provider declines is forgotten at once. On
 * failure the message is a sentence that never contains the number.
 */
export async function cardForPayment(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  fields: CardFields,
  options: { readonly holdKey: string; readonly verify?: boolean },
): Promise<PaymentCard | { ok: false; message: string }> {
  if (!fields.cardNumber && fields.cardChoice && fields.cardChoice !== 'new') {
    const saved = await domain.paymentMethods.resolve(caller, { cardId: fields.cardChoice });
    return saved.ok
      ? { ok: true, card: saved.value, settle: () => Promise.resolve(saved.value) }
      : { ok: false, message: refusalMessage(t, saved.refusal) };
  }
  if (!fields.cardNumber) return { ok: false, message: t.t('checkout.error.noCard') };
  const expiry = parseExpiry(fields.cardExpiry);
  if (!expiry) return { ok: false, message: t.t('checkout.error.cardExpiry') };
  const held = await domain.paymentMethods.hold(
    caller,
    {
      number: fields.cardNumber,
      expiryMonth: expiry.month,
      expiryYear: expiry.year,
      cvc: fields.cardCvc ?? '',
      holder: fields.cardHolder ?? '',
    },
    options.holdKey,
  );
  if (!held.ok) return { ok: false, message: refusalMessage(t, held.refusal) };
  const card = held.value;
  const settle = async (succeeded: boolean): Promise<SavedCard> => {
    if (succeeded) return (await domain.paymentMethods.keep(caller, card.cardId)) ?? card;
    await domain.paymentMethods.release(caller, card.cardId);
    return card;
  };
  if (options.verify) {
    const verified = await domain.paymentMethods.verify(card);
    if (!verified.ok) {
      await settle(false);
      return { ok: false, message: refusalMessage(t, verified.refusal) };
    }
  }
  return { ok: true, card, settle };
}

/**
 * The card for a change of card: a typed card is verified with the provider (no money moves) and kept only when
 * it passed; otherwise the saved card chosen.
 */
export async function chosenCard(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  fields: CardFields,
): Promise<{ ok: true; card: SavedCard } | { ok: false; message: string }> {
  const chosen = await cardForPayment(domain, t, caller, fields, {
    holdKey: randomUUID(),
    verify: true,
  });
  return chosen.ok ? { ok: true, card: await chosen.settle(true) } : chosen;
}
