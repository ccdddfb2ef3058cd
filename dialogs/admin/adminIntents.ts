// Reads the admins' plain-words commands, in English and Swedish: purchases, export, policies, audit, requests,
// "disable Visio Plan 2" / "stäng av Power BI Pro", and the partner prefix "as customer Contoso: …".

import type { PurchaseFilter } from '../../services/admin/purchasesOverview.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import type { SubscriptionStatus } from '../../services/subscriptions/model.js';
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

/** Filters after "purchases": status words, "central"/"all", "left", "by <name>", the rest a product. */
function parseFilter(
  rest: string,
  trialsOnly: boolean,
): { filter: PurchaseFilter; productText?: string } {
  let filter: PurchaseFilter = trialsOnly ? { kind: 'trials' } : {};
  const by = /\b(?:by|av|från)\s+(.+)$/i.exec(rest);
  let remaining = rest;
  if (by?.[1]) {
    filter = { ...filter, purchaser: by[1].trim() };
    remaining = rest.slice(0, by.index);
  }
  const words: string[] = [];
  for (const word of remaining.split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    if (STATUS_WORDS[lower]) filter = { ...filter, status: STATUS_WORDS[lower] };
    else if (['central', 'centrala'].includes(lower)) filter = { ...filter, channel: 'Central' };
    else if (['everything', 'allt', 'both'].includes(lower)) filter = { ...filter, channel: 'All' };
    else if (['left', 'slutat', 'former'].includes(lower))
      filter = { ...filter, purchaserLeft: true };
    else if (
      !['of', 'for', 'av', 'för', 'with', 'med', 'and', 'och', 'trials', 'provperioder'].includes(
        lower,
      )
    )
      words.push(word);
  }
  const productText = words.join(' ').trim();
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
      explicit: head !== 'purchases',
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
