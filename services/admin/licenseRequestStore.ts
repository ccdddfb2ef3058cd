// Where license requests are kept (§4.3): one record per request, an index of each tenant's requests, and the set
// of tenants that have any.

import type { Records } from '../store/records.js';
import type { LicenseRequest } from './licenseRequests.js';

export const requestKey = (id: string): string => `licreq:${id}`;
export const tenantIndex = (tenantId: string): string => `index:licreq:${tenantId}`;
export const TENANTS = 'index:licreq-tenants';

/** The tenant's requests, newest first. */
export async function requestsOf(records: Records, tenantId: string): Promise<LicenseRequest[]> {
  const ids = await records.readSet(tenantIndex(tenantId));
  const found = await Promise.all(ids.map((id) => records.read<LicenseRequest>(requestKey(id))));
  return found
    .filter((r): r is LicenseRequest => r !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
