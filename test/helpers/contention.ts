// The shared steps of tests where many callers compete for the licenses of one subscription.

import type { Caller } from '../../services/access/actor.js';
import type { Result } from '../../services/result.js';
import { buy, expectOk, PRODUCT, type Fixture } from './domainFixture.js';

/**
 * Buys `quantity` Power BI Pro licenses as `buyer` and takes back the license the purchase gives the buyer
 * (S-8), so every license is free and the first `quantity` assigns are the ones that must win.
 */
export async function subscriptionWithFreeLicenses(
  f: Fixture,
  buyer: Caller,
  quantity: number,
): Promise<string> {
  const receipt = await buy(f, buyer, PRODUCT.powerBiPro, quantity);
  if (receipt.assignedToBuyer) {
    expectOk(
      await f.domain.licenses.unassign(
        buyer,
        receipt.subscriptionId,
        [buyer.userId],
        `free-${receipt.subscriptionId}`,
      ),
    );
  }
  return receipt.subscriptionId;
}

/** How many results were successes (`ok`) and how many were each refusal code. */
export function tally(results: readonly Result<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const outcome = result.ok ? 'ok' : result.refusal.code;
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}
