// The product catalog of domain.md §5: ids (current and legacy), prices in cents, trial flags and blocked markets.

import type { Cents } from '../money.js';

export type ProductFamily =
  'PowerBI' | 'PowerApps' | 'PowerAutomate' | 'Project' | 'Visio' | 'Other';

/** A list price that applies from an instant on (prices change, e.g. Power BI on 2025-04-01). */
export interface PricePoint {
  readonly fromIso?: string;
  readonly cents: Cents;
}

/** One product of §5. */
export interface Product {
  readonly productId: string;
  readonly legacyIds: readonly string[];
  readonly name: string;
  /** Other names people use for it ("PPU", "Planner Plan 1"). */
  readonly aliases: readonly string[];
  readonly family: ProductFamily;
  /** The nine products this bot sells; the others are known so that a question about them gets a clear answer. */
  readonly inScope: boolean;
  readonly trialWithoutPaymentMethod: boolean;
  /** ISO-3166 alpha-2 codes where self-service purchase of this product is not offered. */
  readonly blockedCountries: readonly string[];
  /** Newest first. Empty for out-of-scope products, whose price this project does not know. */
  readonly prices: readonly PricePoint[];
}

const INDIA = ['IN'];
const INDIA_BRAZIL_CONGO = ['IN', 'BR', 'CD'];

/** The nine in-scope products, then the products that exist but that this bot does not sell. */
export const PRODUCTS: readonly Product[] = [
  {
    productId: 'CFQ7TTC0H9MP',
    legacyIds: ['CFQ7TTC0L3PB'],
    name: 'Power BI Pro',
    aliases: ['PBI Pro'],
    family: 'PowerBI',
    inScope: true,
    trialWithoutPaymentMethod: false,
    blockedCountries: INDIA,
    prices: [{ fromIso: '2025-04-01T00:00:00Z', cents: 1400 }, { cents: 1000 }],
  },
  {
    productId: 'CFQ7TTC0H6RP',
    legacyIds: ['CFQ7TTC0KXG7'],
    name: 'Power BI Premium Per User',
    aliases: ['Power BI Premium', 'PPU', 'Power BI PPU'],
    family: 'PowerBI',
    inScope: true,
    trialWithoutPaymentMethod: false,
    blockedCountries: INDIA,
    prices: [{ fromIso: '2025-04-01T00:00:00Z', cents: 2400 }, { cents: 2000 }],
  },
  {
    productId: 'CFQ7TTC0LH2H',
    legacyIds: ['CFQ7TTC0KP0P'],
    name: 'Power Apps per user',
    aliases: ['Power Apps Premium', 'Power Apps'],
    family: 'PowerApps',
    inScope: true,
    trialWithoutPaymentMethod: false,
    blockedCountries: INDIA,
    prices: [{ cents: 2000 }],
  },
  {
    productId: 'CFQ7TTC0LH3L',
    legacyIds: ['CFQ7TTC0KP0N'],
    name: 'Power Automate per user',
    aliases: ['Power Automate Premium'],
    family: 'PowerAutomate',
    inScope: true,
    trialWithoutPaymentMethod: false,
    blockedCountries: INDIA,
    prices: [{ cents: 1500 }],
  },
  {
    productId: 'CFQ7TTC0LSGZ',
    legacyIds: ['CFQ7TTC0KXG6'],
    name: 'Power Automate RPA',
    aliases: ['Power Automate per user with attended RPA', 'Power Automate attended RPA'],
    family: 'PowerAutomate',
    inScope: true,
    trialWithoutPaymentMethod: false,
    blockedCountries: INDIA,
    prices: [{ cents: 4000 }],
  },
  {
    productId: 'CFQ7TTC0HDB1',
    legacyIds: ['CFQ7TTC0KXND'],
    name: 'Project Plan 1',
    aliases: ['Planner Plan 1'],
    family: 'Project',
    inScope: true,
    trialWithoutPaymentMethod: true,
    blockedCountries: INDIA_BRAZIL_CONGO,
    prices: [{ cents: 1000 }],
  },
  {
    productId: 'CFQ7TTC0HDB0',
    legacyIds: ['CFQ7TTC0KXNC'],
    name: 'Project Plan 3',
    aliases: [],
    family: 'Project',
    inScope: true,
    trialWithoutPaymentMethod: false,
    blockedCountries: INDIA_BRAZIL_CONGO,
    prices: [{ cents: 3000 }],
  },
  {
    productId: 'CFQ7TTC0HD33',
    legacyIds: ['CFQ7TTC0KXN9'],
    name: 'Visio Plan 1',
    aliases: [],
    family: 'Visio',
    inScope: true,
    trialWithoutPaymentMethod: true,
    blockedCountries: INDIA_BRAZIL_CONGO,
    prices: [{ cents: 500 }],
  },
  {
    productId: 'CFQ7TTC0HD32',
    legacyIds: ['CFQ7TTC0KXN8'],
    name: 'Visio Plan 2',
    aliases: [],
    family: 'Visio',
    inScope: true,
    trialWithoutPaymentMethod: false,
    blockedCountries: INDIA_BRAZIL_CONGO,
    prices: [{ cents: 1500 }],
  },
  outOfScope('CFQ7TTC0MM8R', 'Microsoft 365 Copilot', ['Copilot'], false),
  outOfScope('CFQ7TTC0LH05', 'Microsoft 365 F3', [], false),
  outOfScope('CFQ7TTC0N8SS', 'Clipchamp Premium', ['Clipchamp'], false),
  outOfScope('CFQ7TTC0N8SL', 'Microsoft Purview Discovery', ['Purview Discovery'], true),
  outOfScope('CFQ7TTC0S3X1', 'Python in Excel', [], false),
  outOfScope('CFQ7TTC0J1FV', 'Teams Exploratory', [], true),
  outOfScope('CFQ7TTC0RM8K', 'Teams Premium Introductory Pricing', ['Teams Premium'], true),
  outOfScope('CFQ7TTC0PW0V', 'Viva Goals', [], true),
];

function outOfScope(
  productId: string,
  name: string,
  aliases: string[],
  trialWithoutPaymentMethod: boolean,
): Product {
  return {
    productId,
    legacyIds: [],
    name,
    aliases,
    family: 'Other',
    inScope: false,
    trialWithoutPaymentMethod,
    blockedCountries: INDIA,
    prices: [],
  };
}

/**
 * Every product the AllowSelfServicePurchase policy covers (§5, the 2024 list): the nine this bot sells, then the
 * others, which admins still turn on and off (Copilot above all) although people cannot buy them here.
 */
export const POLICY_PRODUCTS: readonly Product[] = PRODUCTS;

/** The nine products this bot sells, in catalog order. */
export const IN_SCOPE_PRODUCTS: readonly Product[] = PRODUCTS.filter((p) => p.inScope);

/** The list price at an instant, or undefined for a product whose price is unknown. */
export function unitPriceAt(product: Product, at: Date): Cents | undefined {
  for (const point of product.prices) {
    if (point.fromIso === undefined || at.getTime() >= Date.parse(point.fromIso))
      return point.cents;
  }
  return undefined;
}

/** Third-party offer types of the policy (§5); they take only Enabled or Disabled. */
export const OFFER_TYPES = [
  { offerType: 'SaaS', name: 'Software as a Service' },
  { offerType: 'POWERBIVISUALS', name: 'Power BI Visuals' },
  { offerType: 'DYNAMICSCE', name: 'Dynamics 365 Dataverse Apps' },
  { offerType: 'DYNAMICSBC', name: 'Dynamics 365 Business Central' },
] as const;

export type OfferType = (typeof OFFER_TYPES)[number]['offerType'];
