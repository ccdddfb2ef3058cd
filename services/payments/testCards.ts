// The simulated provider's test cards: the numbers Stripe publishes for testing, with their documented outcomes.

import type { CardBrand } from './paymentProvider.js';

/** A published test number and what a charge on it does. */
export interface TestCard {
  readonly number: string;
  readonly brand: CardBrand;
  readonly kind: 'CreditCard' | 'DebitCard';
  /** Undefined: charges succeed. Otherwise the decline code every charge returns. */
  readonly declineCode?: string;
}

/** Listed in the README; any other number is refused without being echoed. */
export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242424242424242', brand: 'Visa', kind: 'CreditCard' },
  { number: '4000056655665556', brand: 'Visa', kind: 'DebitCard' },
  { number: '5555555555554444', brand: 'Mastercard', kind: 'CreditCard' },
  { number: '5200828282828210', brand: 'Mastercard', kind: 'DebitCard' },
  { number: '378282246310005', brand: 'American Express', kind: 'CreditCard' },
  { number: '6011111111111117', brand: 'Discover', kind: 'CreditCard' },
  { number: '4000000000000002', brand: 'Visa', kind: 'CreditCard', declineCode: 'card_declined' },
  {
    number: '4000000000009995',
    brand: 'Visa',
    kind: 'CreditCard',
    declineCode: 'insufficient_funds',
  },
  { number: '4000000000009987', brand: 'Visa', kind: 'CreditCard', declineCode: 'lost_card' },
  { number: '4000000000009979', brand: 'Visa', kind: 'CreditCard', declineCode: 'stolen_card' },
  { number: '4000000000000069', brand: 'Visa', kind: 'CreditCard', declineCode: 'expired_card' },
  { number: '4000000000000127', brand: 'Visa', kind: 'CreditCard', declineCode: 'incorrect_cvc' },
  {
    number: '4000000000000119',
    brand: 'Visa',
    kind: 'CreditCard',
    declineCode: 'processing_error',
  },
];

/** The Luhn checksum every real card number satisfies. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand from the number's prefix, or undefined for a prefix no accepted brand uses. */
export function brandOf(digits: string): CardBrand | undefined {
  if (/^4/.test(digits)) return 'Visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'Mastercard';
  if (/^3[47]/.test(digits)) return 'American Express';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'Discover';
  return undefined;
}
