// Finding a product by id, legacy id (S-16) or a forgiving name; an ambiguous name gets candidates, not a guess.

import {
  IN_SCOPE_PRODUCTS,
  OFFER_TYPES,
  PRODUCTS,
  type OfferType,
  type Product,
} from './products.js';

/** The outcome of a lookup. */
export type ProductLookup =
  | { readonly kind: 'found'; readonly product: Product; readonly viaLegacyId: boolean }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Product[] }
  | { readonly kind: 'notFound'; readonly suggestions: readonly Product[] };

/** Words that say nothing about which product is meant, in English and Swedish. */
const NOISE = new Set([
  'microsoft',
  'ms',
  'plan',
  'per',
  'user',
  'users',
  'the',
  'a',
  'an',
  'license',
  'licenses',
  'licence',
  'licences',
  'licens',
  'licenser',
  'licensen',
  'subscription',
  'subscriptions',
  'prenumeration',
  'for',
  'av',
  'en',
  'ett',
  'of',
]);
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  i: '1',
  ii: '2',
  iii: '3',
  tva: '2',
  tre: '3',
};

/** Lower case, no accents, no punctuation, letters split from digits ("Plan2" -> "plan 2"), noise removed. */
export function nameTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0)
    .map((token) => NUMBER_WORDS[token] ?? token)
    .filter((token) => !NOISE.has(token));
}

function namesOf(product: Product): string[][] {
  return [product.name, ...product.aliases].map(nameTokens);
}

/** True when a query word stands for a name word: equal, a prefix of three letters or more, or one typo away. */
function wordMatches(query: string, word: string): boolean {
  if (query === word) return true;
  if (/^\d+$/.test(query) || /^\d+$/.test(word)) return false;
  if (query.length >= 3 && word.startsWith(query)) return true;
  return query.length >= 5 && word.length >= 5 && editDistanceAtMostOne(query, word);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');
}

/** Looks a product up by current id, legacy id or name. Only `found` names one product. */
export function findProduct(text: string, products: readonly Product[] = PRODUCTS): ProductLookup {
  const trimmed = text.trim().replace(/^['"]|['"]$/g, '');
  const upper = trimmed.toUpperCase();
  const byId = products.find((p) => p.productId === upper);
  if (byId) return { kind: 'found', product: byId, viaLegacyId: false };
  const byLegacy = products.find((p) => p.legacyIds.includes(upper));
  if (byLegacy) return { kind: 'found', product: byLegacy, viaLegacyId: true };

  const query = nameTokens(trimmed);
  if (query.length === 0) return { kind: 'notFound', suggestions: [] };
  const exact = products.filter((p) => namesOf(p).some((name) => sameWords(name, query)));
  if (exact.length === 1 && exact[0])
    return { kind: 'found', product: exact[0], viaLegacyId: false };

  const matching = products.filter((p) =>
    namesOf(p).some((name) => query.every((q) => name.some((word) => wordMatches(q, word)))),
  );
  if (matching.length === 1 && matching[0]) {
    return { kind: 'found', product: matching[0], viaLegacyId: false };
  }
  if (matching.length > 1) return { kind: 'ambiguous', candidates: matching };
  const suggestions = products.filter((p) =>
    namesOf(p).some((name) => query.some((q) => name.some((word) => wordMatches(q, word)))),
  );
  return { kind: 'notFound', suggestions };
}

/** Looks a product up by id or legacy id only, as the MSCommerce cmdlets do. */
export function findProductById(id: string): Product | undefined {
  const upper = id.trim().toUpperCase();
  return PRODUCTS.find((p) => p.productId === upper || p.legacyIds.includes(upper));
}

/** The in-scope product with this current id; throws for an id the catalog does not sell (a programming error). */
export function productById(id: string): Product {
  const product = IN_SCOPE_PRODUCTS.find((p) => p.productId === id);
  if (!product) throw new Error(`Unknown in-scope product id ${id}`);
  return product;
}

/** The offer type named (case-insensitively), or undefined. */
export function findOfferType(text: string): OfferType | undefined {
  const upper = text.trim().toUpperCase();
  return OFFER_TYPES.find((o) => o.offerType.toUpperCase() === upper)?.offerType;
}
