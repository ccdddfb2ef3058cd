// Reads the admins' plain-words commands, in English and Swedish: purchases, export, policies, audit, requests,
// "disable Visio Plan 2" / "stäng av Power BI Pro", and the partner prefix "as customer Contoso: …".

import type { PurchaseFilter } from '../../services/admin/purchasesOverview.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import type { SubscriptionStatus } from '../../services/subscriptions/model.js';
import { findProduct } from '../../services/catalog/catalog.js';
import { normalize } from '../intents.js';

export type AdminIntent =
  | {
      readonly kind: 'purchases';
      readonly filter: PurchaseFilter;
      readonly explicit: boolean;
      readonly productText?: string;
    }
  | { readonly kind: 'export'; readonly filter: PurchaseFilter; readonly productText?: string }
  | { readonly kind: 'policies' }
  | { readonly kind: 'audit' }
  | { readonly kind: 'requests' }
  | { readonly kind: 'setPolicy'; readonly value: PolicyValue; readonly productText: string };

/** Splits "as customer Contoso: purchases" into the customer named and the command. */
export function splitCustomer(text: string): { customer?: string; command: string } {
  const match =
    /^\s*(?:as|for|on behalf of) customer\s+(.+?)\s*:\s*([\s\S]+)$/i.exec(text) ??
    /^\s*(?:som|för) kund(?:en)?\s+(.+?)\s*:\s*([\s\S]+)$/i.exec(text);
  return match?.[1] && match[2]
    ? { customer: match[1].trim(), command: match[2].trim() }
    : { command: text.trim() };
}

const STATUS_WORDS: Record<string, SubscriptionStatus> = {
  active: 'Active',
  aktiva: 'Active',
  aktiv: 'Active',
  expired: 'Expired',
  utgångna: 'Expired',
  utgången: 'Expired',
  disabled: 'Disabled',
  inaktiverade: 'Disabled',
  inaktiverad: 'Disabled',
  deleted: 'Deleted',
  borttagna: 'Deleted',
  borttagen: 'Deleted',
};

/** Words that say who bought: "by Bob", "av Bob", "från Bob". */
const BY_WORDS = new Set(['by', 'av', 'från']);
/** Words that only join the filters ("purchases of Visio with …"). */
const JOINING_WORDS = new Set([
  'of',
  'for',
  'för',
  'with',
  'med',
  'and',
  'och',
  'trials',
  'provperioder',
]);

/** What one filter word sets, or undefined when the word is not a filter. */
function filterWord(word: string): Partial<PurchaseFilter> | undefined {
  const lower = word.toLowerCase();
  const status = STATUS_WORDS[lower];
  if (status) return { status };
  if (['central', 'centrala'].includes(lower)) return { channel: 'Central' };
  if (['everything', 'allt', 'both'].includes(lower)) return { channel: 'All' };
  if (['left', 'slutat', 'former'].includes(lower)) return { purchaserLeft: true };
  return undefined;
}

/** Whether a word ends the name after "by": another filter, "by" again, or a joining word. */
function endsName(word: string): boolean {
  const lower = word.toLowerCase();
  return filterWord(word) !== undefined || BY_WORDS.has(lower) || JOINING_WORDS.has(lower);
}

/**
 * The words after "by": the purchaser's name, and a product when the name is followed by one ("by bob visio plan
 * 2"). Words that name a product and nothing else are the product ("alla köp av Visio Plan 2": "av" is also "of").
 */
function purchaserAndProduct(words: readonly string[]): { purchaser?: string; product: string[] } {
  for (let start = 0; start < words.length; start += 1) {
    const tail = words.slice(start);
    if (findProduct(tail.join(' ')).kind === 'found') {
      const name = words.slice(0, start).join(' ');
      return { purchaser: name || undefined, product: tail };
    }
  }
  return { purchaser: words.join(' ') || undefined, product: [] };
}

/**
 * Filters after "purchases", in any order: status words, "central"/"everything", "left", "by <name>" (the name
 * runs to the next filter word), and the rest a product.
 */
function parseFilter(
  rest: string,
  trialsOnly: boolean,
): { filter: PurchaseFilter; productText?: string } {
  let filter: PurchaseFilter = trialsOnly ? { kind: 'trials' } : {};
  const words = rest.split(/\s+/).filter(Boolean);
  const product: string[] = [];
  for (let i = 0; i < words.length;) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    const set = filterWord(word);
    if (set) {
      filter = { ...filter, ...set };
      i += 1;
    } else if (BY_WORDS.has(lower)) {
      let end = i + 1;
      while (end < words.length && !endsName(words[end] ?? '')) end += 1;
      const named = purchaserAndProduct(words.slice(i + 1, end));
      if (named.purchaser) filter = { ...filter, purchaser: named.purchaser };
      product.push(...named.product);
      i = end;
    } else {
      if (!JOINING_WORDS.has(lower)) product.push(word);
      i += 1;
    }
  }
  const productText = product.join(' ').trim();
  return { filter, productText: productText || undefined };
}

const POLICY_RULES: readonly { pattern: RegExp; value: PolicyValue }[] = [
  {
    pattern:
      /^(?:allow only (?:free )?trials (?:of|for)|allow (?:free )?trials only (?:of|for|on)|only (?:free )?trials (?:of|for)|trials only (?:of|for)|set (.+) to trials only|tillåt (?:bara|endast) (?:gratis )?provperioder (?:av|för|på)|bara provperioder (?:av|för))\s*(.*)$/i,
    value: 'OnlyTrialsWithoutPaymentMethod',
  },
  {
    pattern:
      /^(?:disable|turn off|switch off|block|stop|do not allow|don't allow|stäng av|slå av|blockera|spärra|stoppa|inaktivera|tillåt inte)\s+(?:self-service purchases? (?:of|for)\s+|självbetjäningsköp (?:av|för)\s+|köp av\s+)?(.+)$/i,
    value: 'Disabled',
  },
  {
    pattern:
      /^(?:enable|turn on|switch on|allow|unblock|slå på|aktivera|tillåt|öppna|släpp)\s+(?:self-service purchases? (?:of|for)\s+|självbetjäningsköp (?:av|för)\s+|köp av\s+)?(.+)$/i,
    value: 'Enabled',
  },
];

/** The admin intent of a message, or undefined when it is not an admin command. */
export function recognizeAdmin(text: string): AdminIntent | undefined {
  const t = normalize(text);
  if (
    /^(audit|audit log|audit trail|policy changes|granskning|ändringslogg|ändringar|principändringar)$/i.test(
      t,
    )
  )
    return { kind: 'audit' };
  if (
    /^(policies|policy|policy card|settings|self-service settings|principer|princip|inställningar)$/i.test(
      t,
    )
  )
    return { kind: 'policies' };
  if (
    /^(requests|license requests|pending requests|licensbegäranden|begäranden|licensförfrågningar)$/i.test(
      t,
    )
  )
    return { kind: 'requests' };
  const exported =
    /^(?:export|exportera)(?:\s+(?:purchases|all purchases|köp|inköp|alla köp))?(?:\s+(.*))?$/i.exec(
      t,
    );
  if (exported) return { kind: 'export', ...parseFilter(exported[1] ?? '', false) };
  const purchases =
    /^(all purchases|all self-service purchases|purchases and trials|purchases|trials|self-service purchases|alla köp|alla inköp|inköp|köp och provperioder|provperioder|självbetjäningsköp)(?:\s+(.*))?$/i.exec(
      t,
    );
  if (purchases?.[1]) {
    const head = purchases[1].toLowerCase();
    const trials = head === 'trials' || head === 'provperioder';
    return {
      kind: 'purchases',
      // "purchases" / "inköp" from someone who may not see all purchases means their own purchases.
      explicit: head !== 'purchases' && head !== 'inköp',
      ...parseFilter(purchases[2] ?? '', trials),
    };
  }
  for (const rule of POLICY_RULES) {
    const match = rule.pattern.exec(t);
    const product = (match?.[2] ?? match?.[1] ?? '').trim();
    if (match && product) return { kind: 'setPolicy', value: rule.value, productText: product };
  }
  return undefined;
}
