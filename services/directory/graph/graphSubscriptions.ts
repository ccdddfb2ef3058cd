// Central subscriptions from Graph: the tenant's commercial subscriptions of the bot's products, with their users.

import type { CentralSubscription } from '../directory.js';
import type { GraphClient } from './graphClient.js';
import { TenantNotConsentedError } from './graphErrors.js';
import {
  companySubscriptionSchema,
  idOnlySchema,
  type CompanySubscription,
} from './graphSchemas.js';
import { GUID } from './graphSettings.js';
import { productOfSku } from './productSkus.js';

const LIVE = new Set(['enabled', 'warning']);
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * `/directory/subscriptions` lists what the organization bought (quantity, start, next renewal); licenses are
 * assigned per SKU, so the users holding a SKU (`assignedLicenses/any(...)`) fill its subscriptions oldest first,
 * each up to its quantity. Trials, expired or suspended subscriptions and SKUs that are not the bot's products
 * are left out: they cannot receive users moved off a self-service purchase.
 */
export async function readCentralSubscriptions(
  client: GraphClient,
  tenantId: string,
): Promise<CentralSubscription[]> {
  let all: CompanySubscription[];
  try {
    all =
      (await client.list(
        {
          tenantId,
          path: '/directory/subscriptions',
          query: {
            $select:
              'id,skuId,skuPartNumber,status,totalLicenses,isTrial,createdDateTime,nextLifecycleDateTime',
          },
          what: 'subscriptions',
        },
        companySubscriptionSchema,
      )) ?? [];
  } catch (error) {
    if (error instanceof TenantNotConsentedError) return [];
    throw error;
  }
  const live = all
    .filter(
      (s) =>
        LIVE.has((s.status ?? '').toLowerCase()) &&
        s.isTrial !== true &&
        (s.totalLicenses ?? 0) > 0 &&
        GUID.test(s.skuId) &&
        productOfSku(s.skuPartNumber) !== undefined,
    )
    .sort((a, b) => (a.createdDateTime ?? '').localeCompare(b.createdDateTime ?? ''));
  const skus = [...new Set(live.map((s) => s.skuId.toLowerCase()))];
  const holders = new Map(
    await Promise.all(
      skus.map(async (skuId) => [skuId, await licensedUsers(client, tenantId, skuId)] as const),
    ),
  );
  return live.map((s) => {
    const product = productOfSku(s.skuPartNumber)!;
    const quantity = s.totalLicenses ?? 0;
    const startDate = validDate(s.createdDateTime) ?? new Date(0).toISOString();
    const remaining = holders.get(s.skuId.toLowerCase()) ?? [];
    return {
      id: s.id,
      tenantId,
      productId: product.productId,
      productName: product.name,
      quantity,
      assignedUserIds: remaining.splice(0, quantity),
      startDate,
      // Without a next lifecycle date the renewal is unknown: a year after the start, the usual term.
      expirationDate:
        validDate(s.nextLifecycleDateTime) ??
        new Date(Date.parse(startDate) + YEAR_MS).toISOString(),
    };
  });
}

/** The ids of the users holding a SKU, every page of them. */
async function licensedUsers(
  client: GraphClient,
  tenantId: string,
  skuId: string,
): Promise<string[]> {
  const users =
    (await client.list(
      {
        tenantId,
        path: '/users',
        query: {
          $filter: `assignedLicenses/any(x:x/skuId eq ${skuId})`,
          $select: 'id',
          $count: 'true',
          $top: '999',
        },
        eventual: true,
        what: 'licensed users',
      },
      idOnlySchema,
    )) ?? [];
  return users.map((u) => u.id);
}

/** Graph's own ISO text when it is a time, so the stored dates read as Graph wrote them. */
function validDate(text: string | null | undefined): string | undefined {
  return text && !Number.isNaN(Date.parse(text)) ? text : undefined;
}
