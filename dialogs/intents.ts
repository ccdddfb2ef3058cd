// Reads what people type, in English or Swedish, as one of the bot's intents (commands or plain questions).

import { findProduct } from '../services/catalog/catalog.js';

/** What the person wants. Product and quantity are the text they typed, resolved later against the catalog. */
export type Intent =
  | { readonly kind: 'help' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'welcome' }
  | { readonly kind: 'products' }
  | { readonly kind: 'eligibility'; readonly product?: string; readonly quantity?: number }
  | { readonly kind: 'buy'; readonly product?: string; readonly quantity?: number }
  | { readonly kind: 'trial'; readonly product?: string }
  | { readonly kind: 'myPurchases' }
  | { readonly kind: 'invoices' }
  | { readonly kind: 'requestLicense'; readonly product?: string }
  | { readonly kind: 'cancelSubscription'; readonly product?: string }
  | { readonly kind: 'assignLicense'; readonly product?: string; readonly people: string }
  | {
      readonly kind: 'changeQuantity';
      readonly change: 'more' | 'fewer';
      readonly product?: string;
      readonly quantity?: number;
    }
  | { readonly kind: 'changeCard'; readonly product?: string }
  /** `stopsFlow`: "cancel …" with words that name no product, which stops a flow in progress. */
  | { readonly kind: 'unknown'; readonly text: string; readonly stopsFlow?: true };

/** Lower case, single spaces, no trailing punctuation or politeness. */
export function normalize(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[?.!]+$/g, '')
    .replace(/,?\s*(please|tack|snälla)$/i, '')
    .replace(/^(please|snälla)\s+/i, '')
    .trim();
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  en: 1,
  ett: 1,
  två: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  åtta: 8,
  nio: 9,
  tio: 10,
};

/** "five", "fem": the numbers people spell out, one to ten, in English or Swedish. */
export function numberWord(word: string): number | undefined {
  return NUMBER_WORDS[word.toLowerCase()];
}

/** A quantity at the start of a product phrase ("3 Power BI Pro", "five licenses of Visio"). */
function splitQuantity(phrase: string): { product?: string; quantity?: number } {
  const match =
    /^(\d+|[a-zåäö]+)\s+(?:(?:licen[cs]es?|licenser|licens|seats?|platser)\s+(?:of|for|av|för|till)\s+|(?:x\s+))?(.+)$/i.exec(
      phrase,
    );
  if (match?.[1] && match[2]) {
    const word = match[1].toLowerCase();
    const quantity = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
    if (quantity !== undefined) return { quantity, product: match[2] };
  }
  return { product: phrase || undefined };
}

/** A typed count ("2", "two", "två"); undefined for any other word. */
function countOf(word: string | undefined): number | undefined {
  if (!word) return undefined;
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()];
}

/**
 * The product in a phrase about one of the buyer's subscriptions, without the words around it: "my Visio
 * subscription", "a license of Visio Plan 2", "Power BI Pro-licenser" name the product; "licenses", "min
 * prenumeration" name none (undefined).
 */
function subscriptionProduct(phrase: string | undefined): string | undefined {
  const product = (phrase ?? '')
    .replace(/^(?:(?:my|the|min|mitt|mina|a|an|one|en|ett|\d+)\s+)*/i, '')
    .replace(
      /^(?:licen[cs]es?|licenser|licensen|licens|seats?|subscriptions?|purchases?|orders?|prenumerationen|prenumeration|köpet|beställningen)(?:\s+(?:of|for|on|to|from|av|för|på|till|i|från)\b|$)\s*/i,
      '',
    )
    .replace(/^(?:my|the|min|mitt|mina)\s+/i, '')
    .replace(
      /[\s-]+(?:licen[cs]es?|licenser|licensen|licens|seats?|subscriptions?|prenumerationen|prenumeration)$/i,
      '',
    )
    .trim();
  return product || undefined;
}

/** Whether typed words name a product, or come close enough to one to be worth a "which do you mean?". */
function namesProduct(text: string): boolean {
  const lookup = findProduct(text);
  return lookup.kind !== 'notFound' || lookup.suggestions.length > 0;
}

/**
 * "cancel Visio", "säg upp min prenumeration": a subscription to cancel, named or not. "cancel request", "avbryt
 * köpet": words that name no product are no such request; they stop a flow in progress, and are not understood
 * otherwise. "avbryt" is also the word that stops a flow, so it only asks to cancel a subscription by naming one.
 */
function cancelSubscription(m: RegExpExecArray): Intent {
  const abort = /^avbryt\b/i.test(m[0]);
  const product = subscriptionProduct(m[1] ?? m[2]);
  if (product ? namesProduct(product) : !abort) return { kind: 'cancelSubscription', product };
  return { kind: 'unknown', text: m[0], stopsFlow: true };
}

/** "buy 2 more Visio", "add licenses to Power BI Pro": the quantity form of that subscription, with the count if given. */
function moreLicenses(m: RegExpExecArray): Intent | undefined {
  const quantity = countOf(m[1]);
  if (m[1] && quantity === undefined) return undefined;
  return { kind: 'changeQuantity', change: 'more', quantity, product: subscriptionProduct(m[2]) };
}

/**
 * The rules, first match wins. A rule's leading word is a whole word: it is followed by a space or ends the text
 * (`(?:\s+(.*))?$`), so "purchases", "orders", "trials" or "checkout" are never "purchase", "order", "trial" or
 * "check" followed by a product called "s", "ers" or "out".
 */
const RULES: readonly { pattern: RegExp; intent: (m: RegExpExecArray) => Intent | undefined }[] = [
  {
    pattern: /^(help|hjälp|\?|what can you do|vad kan du( göra)?|commands|kommandon)$/i,
    intent: () => ({ kind: 'help' }),
  },
  {
    pattern:
      /^(cancel|cancel (it|that|this)|stop|quit|never mind|avbryt|avbryt (det|detta)|sluta|glöm det)$/i,
    intent: () => ({ kind: 'cancel' }),
  },
  {
    pattern: /^(hi|hello|hey|start|hej|hallå|tjena|god (morgon|dag))$/i,
    intent: () => ({ kind: 'welcome' }),
  },
  {
    pattern:
      /^(products|product list|prices|price list|what can i buy|produkter|produktlista|priser|prislista|vad kan jag köpa)$/i,
    intent: () => ({ kind: 'products' }),
  },
  {
    pattern:
      /^(?:(?:can|may|could) i (?:buy|purchase|get)|am i (?:allowed|eligible|able) to (?:buy|purchase)|is it possible for me to buy|(?:kan|får|skulle) jag (?:kunna )?(?:köpa|få)|har jag rätt att köpa|check|eligibility|kontrollera|behörighet)(?:\s+(.*))?$/i,
    intent: (m) => ({ kind: 'eligibility', ...splitQuantity(m[1] ?? '') }),
  },
  {
    pattern:
      /^(?:start (?:a )?(?:free )?trial(?: of| for)?|try|trial(?: of)?|testa|prova|starta (?:en )?(?:gratis )?(?:provperiod|testperiod)(?: av| för| på)?|provperiod(?: av| för| på)?)(?:\s+(.*))?$/i,
    intent: (m) => ({ kind: 'trial', product: m[1] || undefined }),
  },
  {
    pattern:
      /^(?:request(?: a)? licen[cs]es?(?: for| of)?|ask for(?: a)? licen[cs]es?(?: for)?|begär(?: en)? licens(?:er)?(?: för| till)?|be om(?: en)? licens(?:er)?(?: för| till)?)(?:\s+(.*))?$/i,
    intent: (m) => ({ kind: 'requestLicense', product: m[1] || undefined }),
  },
  {
    pattern: /^(?:(?:cancel|terminate|avsluta|avbryt)\s+(.+)|säg upp(?:\s+(.+))?)$/i,
    intent: cancelSubscription,
  },
  {
    pattern: /^(?:assign|tilldela)\b\s*(.*?)(?:(?:^|\s+)(?:to|till)\s+(.+))?$/i,
    intent: (m) => ({
      kind: 'assignLicense',
      product: subscriptionProduct(m[1]),
      people: (m[2] ?? '').replace(/\s+(?:and|och)\s+/gi, ', '),
    }),
  },
  {
    pattern:
      /^(?:remove|reduce|drop|ta bort|minska)\s+(?:(\d+|[a-zåäö]+)\s+)?(.*\blicen[cs]es?\b.*|.*licenser.*)$/i,
    intent: (m) => {
      const quantity = countOf(m[1]);
      const phrase = m[1] && quantity === undefined ? `${m[1]} ${m[2]}` : m[2];
      return {
        kind: 'changeQuantity',
        change: 'fewer',
        quantity,
        product: subscriptionProduct(phrase),
      };
    },
  },
  {
    pattern: /^(?:remove|ta bort)\s+(\d+|[a-zåäö]+)\s+(.+)$/i,
    intent: (m) => {
      const quantity = countOf(m[1]);
      return quantity === undefined
        ? undefined
        : { kind: 'changeQuantity', change: 'fewer', quantity, product: subscriptionProduct(m[2]) };
    },
  },
  {
    pattern:
      /^(?:(?:i (?:want|would like|'d like) to )?(?:buy|purchase|order|get|add)|(?:jag vill )?(?:köpa|köp|beställ|beställa|lägg till|lägga till))\s+(?:(\d+|[a-zåäö]+)\s+)?(?:more|fler|till)\b\s*(.*)$/i,
    intent: moreLicenses,
  },
  {
    pattern:
      /^(?:add|lägg till)\s+(?:(\d+|[a-zåäö]+)\s+)?(?:licen[cs]es?|licenser|licens)\b\s*(?:(?:to|for|of|on|till|för|på|i|av)\s+)?(.*)$/i,
    intent: moreLicenses,
  },
  {
    pattern:
      /^(?:(?:change|update|replace|switch)\s+(?:my\s+|the\s+)?(?:credit\s+|payment\s+)?(?:card|payment method|payment details)|(?:byt|byta|ändra|uppdatera)\s+(?:mitt\s+|min\s+)?(?:betal)?(?:kort(?:et)?|betalningsmetod(?:en)?|betalningssätt(?:et)?))(?:\s+(?:for|on|of|för|på|till)\s+(.+))?$/i,
    intent: (m) => ({ kind: 'changeCard', product: subscriptionProduct(m[1]) }),
  },
  {
    pattern:
      /^(?:my |show (?:me )?my |list (?:my )?)?(?:purchases|orders|subscriptions|licenses)$|^(?:(?:mina |visa mina )?(?:inköp|beställningar|prenumerationer|licenser)|(?:mina |visa mina )köp)$/i,
    intent: () => ({ kind: 'myPurchases' }),
  },
  {
    pattern:
      /^(?:(?:i (?:want|would like|'d like) to )?(?:buy|purchase|order)|(?:jag vill )?(?:köpa|köp|beställ|beställa))(?:\s+(.*))?$/i,
    intent: (m) => ({ kind: 'buy', ...splitQuantity(m[1] ?? '') }),
  },
  {
    pattern:
      /^(?:my |show (?:me )?my )?invoices?$|^(?:mina |visa mina )?fakturor$|^pay (?:my |the |an |unpaid )*(?:invoices?|bills?)$|^betala (?:min |mina |en |obetalda )?(?:fakturan?|fakturor(?:na)?|räkning(?:en|ar|arna)?)$/i,
    intent: () => ({ kind: 'invoices' }),
  },
];

/** The intent of a message; `unknown` when no rule matches. */
export function recognize(text: string): Intent {
  const normalized = normalize(text);
  for (const rule of RULES) {
    const match = rule.pattern.exec(normalized);
    const intent = match ? rule.intent(match) : undefined;
    if (intent) return intent;
  }
  return { kind: 'unknown', text: normalized };
}
