// Every sentence people read comes from en.json or sv.json; this picks the language and fills in the facts.

import en from './en.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };

export type Language = 'en' | 'sv';
/** Every message key; sv.json must have exactly the same keys (a test checks). */
export type MessageKey = keyof typeof en;
export type Params = Readonly<Record<string, string | number | undefined>>;

const CATALOGS: Record<Language, Record<string, string>> = { en, sv };
const INTL_LOCALE: Record<Language, string> = { en: 'en-US', sv: 'sv-SE' };

/** The language for a Bot Framework locale ("sv-SE", "sv", "en-GB"); English for anything else. */
export function languageOf(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

/** Words in one language, with money, dates and lists formatted the way that language writes them. */
export class Localizer {
  readonly language: Language;
  private readonly plural: Intl.PluralRules;

  constructor(locale: string | undefined) {
    this.language = languageOf(locale);
    this.plural = new Intl.PluralRules(INTL_LOCALE[this.language]);
  }

  /**
   * The message for a key. With a `count` parameter, `key.one` / `key.other` variants are used when present.
   * `{name}` placeholders are replaced by parameters; a missing parameter is left visible rather than guessed.
   */
  t(key: MessageKey, params: Params = {}): string {
    const catalog = CATALOGS[this.language];
    let template = catalog[key] ?? CATALOGS.en[key] ?? key;
    if (typeof params.count === 'number') {
      const form = `${key}.${this.plural.select(params.count)}`;
      template = catalog[form] ?? catalog[`${key}.other`] ?? template;
    }
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  }

  /** "10,000" / "10 000". */
  number(value: number): string {
    return new Intl.NumberFormat(INTL_LOCALE[this.language]).format(value);
  }

  /** "$14.00" / "14,00 US$". */
  money(cents: number): string {
    return new Intl.NumberFormat(INTL_LOCALE[this.language], {
      style: 'currency',
      currency: 'USD',
    }).format(cents / 100);
  }

  /** A calendar date in UTC ("Apr 2, 2026" / "2 apr. 2026"). */
  date(iso: string | undefined): string {
    if (!iso) return '';
    return new Intl.DateTimeFormat(INTL_LOCALE[this.language], {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(iso));
  }

  /** Date and time in UTC. */
  dateTime(iso: string | undefined): string {
    if (!iso) return '';
    return new Intl.DateTimeFormat(INTL_LOCALE[this.language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(new Date(iso));
  }

  /** "Alice, Bob and Carol" / "Alice, Bob och Carol". */
  list(items: readonly string[]): string {
    return new Intl.ListFormat(INTL_LOCALE[this.language], {
      style: 'long',
      type: 'conjunction',
    }).format(items);
  }
}
