// Money is integer US cents everywhere; the one place where calendar terms and proration are computed.

import { MS_PER_DAY } from './clock.js';

/** An amount of US dollars in whole cents. */
export type Cents = number;

/**
 * Adds calendar months the way a monthly term runs (S-11): from a date to the same date next month. When the next
 * month is shorter (31 January + 1 month), the term ends on its last day.
 */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** Adds whole days of 24 hours. */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * MS_PER_DAY);
}

/** Whole days between two instants, rounded down; never negative. */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / MS_PER_DAY));
}

/**
 * Prorated credit of S-11: licenses × unit price × whole days left in the term ÷ days in the term, rounded half-up
 * to a cent. Computed in integers, so no floating-point rounding can move a cent.
 */
export function proratedCredit(
  licenses: number,
  unitPrice: Cents,
  termStart: Date,
  termEnd: Date,
  now: Date,
): Cents {
  const daysInTerm = wholeDaysBetween(termStart, termEnd);
  if (daysInTerm === 0) return 0;
  const daysLeft = Math.min(daysInTerm, wholeDaysBetween(now, termEnd));
  const numerator = licenses * unitPrice * daysLeft;
  return Math.floor((2 * numerator + daysInTerm) / (2 * daysInTerm));
}

/** Formats cents as a plain decimal string ("14.00"); the bot adds currency and locale. */
export function centsToDecimal(amount: Cents): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
