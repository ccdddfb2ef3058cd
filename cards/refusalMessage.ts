// Turns a domain refusal (a domain.md code and its facts) into a sentence in the user's language.

import type { Localizer, MessageKey, Params } from '../locales/localizer.js';
import type { Facts, Refusal } from '../services/result.js';
import { plain } from './render.js';

/** Facts that count licenses or people, written the way the language writes numbers; other numbers are ids. */
const COUNT_FACTS: ReadonlySet<string> = new Set([
  'min',
  'max',
  'requested',
  'free',
  'assigned',
  'quantity',
]);

/**
 * Facts as template parameters: lists joined the way the language writes them, counts formatted ("10,000" /
 * "10 000"), ids (invoice or order numbers) left as they are, user text escaped.
 */
function params(t: Localizer, facts: Facts): Params {
  const out: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (Array.isArray(value)) out[key] = t.list(value.map((v) => plain(String(v))));
    else if (typeof value === 'number') out[key] = COUNT_FACTS.has(key) ? t.number(value) : value;
    else if (typeof value === 'boolean') out[key] = value ? 'true' : 'false';
    else if (value !== undefined) out[key] = plain(String(value));
  }
  if (typeof facts.status === 'string') {
    const prefix = facts.requestId !== undefined ? 'request.status' : 'statusWord';
    out.status = t.t(`${prefix}.${facts.status}` as MessageKey);
  }
  if (typeof facts.country === 'string') out.country = countryName(t, facts.country);
  // The number the sentence's noun follows, for `refusal.<CODE>.one` / `.other`.
  if (typeof facts.requested === 'number') out.count = facts.requested;
  else if (typeof facts.quantity === 'number') out.count = facts.quantity;
  return out;
}

/** The country's name in the user's language, falling back to its code. */
export function countryName(t: Localizer, code: string): string {
  try {
    return (
      new Intl.DisplayNames([t.language === 'sv' ? 'sv' : 'en'], { type: 'region' }).of(code) ??
      code
    );
  } catch {
    return code;
  }
}

/** Codes whose sentence depends on a `reason` fact: the key is `refusal.<CODE>.<reason>`. */
const BY_REASON = new Set(['TRIAL_NOT_AVAILABLE', 'CARD_INVALID']);

/** The sentence for a refusal; codes with a reason fact pick the matching variant. */
export function refusalMessage(t: Localizer, refusal: Refusal): string {
  const p = params(t, refusal.facts);
  if (refusal.code === 'PAYMENT_DECLINED') {
    const decline = String(refusal.facts.declineCode ?? 'card_declined');
    return t.t('refusal.PAYMENT_DECLINED', { reason: t.t(declineKey(decline)) });
  }
  if (BY_REASON.has(refusal.code) && typeof refusal.facts.reason === 'string') {
    return t.t(`refusal.${refusal.code}.${refusal.facts.reason}` as MessageKey, p);
  }
  if (refusal.code === 'NO_TENANT' && !refusal.facts.email) return t.t('refusal.NO_TENANT.self', p);
  if (refusal.code === 'PURCHASE_ABANDONED' && refusal.facts.refunded === true)
    return t.t('refusal.PURCHASE_ABANDONED.refunded');
  if (refusal.code === 'SUBSCRIPTION_NOT_ACTIVE' && refusal.facts.byName) {
    return t.t('refusal.SUBSCRIPTION_NOT_ACTIVE.takenOver', p);
  }
  if (refusal.code === 'CUSTOM_REQUEST_PROCESS') {
    return t.t('refusal.CUSTOM_REQUEST_PROCESS', {
      message: plain(String(refusal.facts.message ?? '')),
    });
  }
  return t.t(`refusal.${refusal.code}` as MessageKey, p);
}

function declineKey(code: string): MessageKey {
  const known = [
    'card_declined',
    'insufficient_funds',
    'lost_card',
    'stolen_card',
    'expired_card',
    'incorrect_cvc',
    'processing_error',
  ];
  return (known.includes(code) ? `decline.${code}` : 'decline.card_declined') as MessageKey;
}
