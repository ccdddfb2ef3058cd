// Turns a card typed into a card form into a saved card; the number goes to the provider and nowhere else.

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

/**
 * The card to charge: a card number typed into the form is a new card (tokenized and saved), whatever "Pay with"
 * still shows, since typing one is the clearer wish; otherwise the saved card chosen. On failure the message is a
 * sentence that never contains the number.
 */
export async function chosenCard(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  fields: CardFields,
): Promise<{ ok: true; card: SavedCard } | { ok: false; message: string }> {
  if (!fields.cardNumber && fields.cardChoice && fields.cardChoice !== 'new') {
    const saved = await domain.paymentMethods.resolve(caller, { cardId: fields.cardChoice });
    return saved.ok
      ? { ok: true, card: saved.value }
      : { ok: false, message: refusalMessage(t, saved.refusal) };
  }
  if (!fields.cardNumber) return { ok: false, message: t.t('checkout.error.noCard') };
  const expiry = parseExpiry(fields.cardExpiry);
  if (!expiry) return { ok: false, message: t.t('checkout.error.cardExpiry') };
  const added = await domain.paymentMethods.addCard(caller, {
    number: fields.cardNumber,
    expiryMonth: expiry.month,
    expiryYear: expiry.year,
    cvc: fields.cardCvc ?? '',
    holder: fields.cardHolder ?? '',
  });
  return added.ok
    ? { ok: true, card: added.value }
    : { ok: false, message: refusalMessage(t, added.refusal) };
}
