// A domain over the demo seed with a settable clock, on an in-memory store unless a test gives one.

import type { Caller } from '../../services/access/actor.js';
import { SettableClock } from '../../services/clock.js';
import type { Directory } from '../../services/directory/directory.js';
import { SeedDirectory } from '../../services/directory/seedDirectory.js';
import type { DirectorySeed } from '../../services/directory/seedSchema.js';
import { createDomain, type Domain } from '../../services/domain.js';
import type { SavedCard } from '../../services/payments/paymentMethods.js';
import type { Result } from '../../services/result.js';
import type { AtomicStore } from '../../services/store/atomicStore.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import type { Receipt } from '../../services/subscriptions/purchaseService.js';
import { demoSeed, person } from './seed.js';

export const START = '2026-03-02T09:00:00.000Z';
export const VISA = '4242 4242 4242 4242';

export interface Fixture {
  readonly domain: Domain;
  readonly clock: SettableClock;
  readonly seed: DirectorySeed;
  readonly directory: Directory;
  /** A caller by first name, in Contoso unless another tenant is named. */
  readonly as: (name: string, tenantName?: string) => Caller;
}

/** Builds the directory a fixture's domain reads: the seed itself, unless a suite switched to another. */
export type DirectoryFactory = (seed: DirectorySeed) => Directory;
const seedDirectory: DirectoryFactory = (seed) => new SeedDirectory(seed);
let directoryOf: DirectoryFactory = seedDirectory;

/** Makes later fixtures read their seed through `factory` (forEachDirectory's Graph run); none restores the seed. */
export function useDirectory(factory?: DirectoryFactory): void {
  directoryOf = factory ?? seedDirectory;
}

/** Builds the fixture; every test gets a fresh one. */
export function fixture(
  options: { store?: AtomicStore; seed?: DirectorySeed; start?: string } = {},
): Fixture {
  const seed = options.seed ?? demoSeed();
  const clock = new SettableClock(options.start ?? START);
  const directory = directoryOf(seed);
  const domain = createDomain({
    store: options.store ?? new MemoryAtomicStore(),
    directory,
    clock,
  });
  return {
    domain,
    clock,
    seed,
    directory,
    as: (name, tenantName) => person(seed, name, tenantName),
  };
}

/** Unwraps a result in a test, failing with the refusal's code when it is not ok. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(
      `Expected success, got ${result.refusal.code} ${JSON.stringify(result.refusal.facts)}`,
    );
  }
  return result.value;
}

/** The refusal code of a result that must be a refusal. */
export function refusalCode<T>(result: Result<T>): string {
  if (result.ok) throw new Error(`Expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.refusal.code;
}

/** Saves a test card for the caller (only the fixture's domain is used, so a running bot's will do too). */
export async function addCard(
  f: Pick<Fixture, 'domain'>,
  caller: Caller,
  number = VISA,
): Promise<SavedCard> {
  return expectOk(
    await f.domain.paymentMethods.addCard(caller, {
      number,
      expiryMonth: 12,
      expiryYear: 2030,
      cvc: number.replace(/\D/g, '').length === 15 ? '1234' : '123',
      holder: 'Test Holder',
    }),
  );
}

/** Buys licenses as the caller with a fresh Visa; returns the receipt. */
export async function buy(
  f: Pick<Fixture, 'domain'>,
  caller: Caller,
  productId: string,
  quantity: number,
  key = `checkout-${Math.random()}`,
): Promise<Receipt> {
  const card = await addCard(f, caller);
  return expectOk(
    await f.domain.purchases.purchase({
      caller,
      productId,
      quantity,
      payment: { cardId: card.cardId },
      idempotencyKey: key,
    }),
  );
}

export const PRODUCT = {
  powerBiPro: 'CFQ7TTC0H9MP',
  powerBiPremium: 'CFQ7TTC0H6RP',
  powerApps: 'CFQ7TTC0LH2H',
  powerAutomate: 'CFQ7TTC0LH3L',
  powerAutomateRpa: 'CFQ7TTC0LSGZ',
  projectPlan1: 'CFQ7TTC0HDB1',
  projectPlan3: 'CFQ7TTC0HDB0',
  visioPlan1: 'CFQ7TTC0HD33',
  visioPlan2: 'CFQ7TTC0HD32',
  copilot: 'CFQ7TTC0MM8R',
} as const;

/** The nine products this bot sells, in catalog order (§5). */
export const SOLD_IDS: readonly string[] = [
  PRODUCT.powerBiPro,
  PRODUCT.powerBiPremium,
  PRODUCT.powerApps,
  PRODUCT.powerAutomate,
  PRODUCT.powerAutomateRpa,
  PRODUCT.projectPlan1,
  PRODUCT.projectPlan3,
  PRODUCT.visioPlan1,
  PRODUCT.visioPlan2,
];

/**
 * The other products of §5's 2024 list, in catalog order: the policy covers them (admins turn Copilot off), the bot
 * does not sell them (rule 6). The flag is "trial without payment method" (§5).
 */
export const NOT_SOLD: readonly (readonly [name: string, id: string, freeTrial: boolean])[] = [
  ['Microsoft 365 Copilot', PRODUCT.copilot, false],
  ['Microsoft 365 F3', 'CFQ7TTC0LH05', false],
  ['Clipchamp Premium', 'CFQ7TTC0N8SS', false],
  ['Microsoft Purview Discovery', 'CFQ7TTC0N8SL', true],
  ['Python in Excel', 'CFQ7TTC0S3X1', false],
  ['Teams Exploratory', 'CFQ7TTC0J1FV', true],
  ['Teams Premium Introductory Pricing', 'CFQ7TTC0RM8K', true],
  ['Viva Goals', 'CFQ7TTC0PW0V', true],
];

/** Every product the AllowSelfServicePurchase policy covers, in S-20 (catalog) order: the nine, then the others. */
export const POLICY_IDS: readonly string[] = [...SOLD_IDS, ...NOT_SOLD.map(([, id]) => id)];
