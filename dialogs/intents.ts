// Reads what people type, in English or Swedish, as one of the bot's intents (commands or plain questions).

/** What the person wants. Product and quantity are the text they typed, resolved later against the catalog. */
export type Intent =
  | { readonly kind: 'help' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'welcome' }
  | { readonly kind: 'products' }
  | { readonly kind: 'eligibility'; readonly product?: string }
  | { readonly kind: 'buy'; readonly product?: string; readonly quantity?: number }
  | { readonly kind: 'trial'; readonly product?: string }
  | { readonly kind: 'myPurchases' }
  | { readonly kind: 'invoices' }
  | { readonly kind: 'requestLicense'; readonly product?: string }
  | { readonly kind: 'unknown'; readonly text: string };

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

const RULES: readonly { pattern: RegExp; intent: (m: RegExpExecArray) => Intent }[] = [
  {
    pattern: /^(help|hjälp|\?|what can you do|vad kan du( göra)?|commands|kommandon)$/i,
    intent: () => ({ kind: 'help' }),
  },
  {
    pattern: /^(cancel|stop|quit|never mind|avbryt|sluta|glöm det)$/i,
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
      /^(?:(?:can|may|could) i (?:buy|purchase|get)|am i (?:allowed|eligible|able) to (?:buy|purchase)|is it possible for me to buy|(?:kan|får|skulle) jag (?:kunna )?(?:köpa|få)|har jag rätt att köpa|check|eligibility|kontrollera|behörighet)\s*(.*)$/i,
    intent: (m) => ({ kind: 'eligibility', product: m[1] || undefined }),
  },
  {
    pattern:
      /^(?:start (?:a )?(?:free )?trial(?: of| for)?|try|trial(?: of)?|testa|prova|starta (?:en )?(?:gratis )?(?:provperiod|testperiod)(?: av| för| på)?|provperiod(?: av| för| på)?)\s*(.*)$/i,
    intent: (m) => ({ kind: 'trial', product: m[1] || undefined }),
  },
  {
    pattern:
      /^(?:request(?: a)? licen[cs]e(?: for| of)?|ask for(?: a)? licen[cs]e(?: for)?|begär(?: en)? licens(?: för| till)?|be om(?: en)? licens(?: för| till)?)\s*(.*)$/i,
    intent: (m) => ({ kind: 'requestLicense', product: m[1] || undefined }),
  },
  {
    pattern:
      /^(?:(?:i (?:want|would like|'d like) to )?(?:buy|purchase|order)|(?:jag vill )?(?:köpa|köp|beställ|beställa))\s*(.*)$/i,
    intent: (m) => ({ kind: 'buy', ...splitQuantity(m[1] ?? '') }),
  },
  {
    pattern:
      /^(?:my |show (?:me )?my |list (?:my )?)?(purchases|subscriptions|licenses)$|^(?:mina |visa mina )(köp|inköp|prenumerationer|licenser)$/i,
    intent: () => ({ kind: 'myPurchases' }),
  },
  {
    pattern: /^(?:my |show (?:me )?my )?invoices?$|^(?:mina |visa mina )?fakturor$/i,
    intent: () => ({ kind: 'invoices' }),
  },
];

/** The intent of a message; `unknown` when no rule matches. */
export function recognize(text: string): Intent {
  const normalized = normalize(text);
  for (const rule of RULES) {
    const match = rule.pattern.exec(normalized);
    if (match) return rule.intent(match);
  }
  return { kind: 'unknown', text: normalized };
}
