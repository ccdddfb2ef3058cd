// Turns what a person typed (ids, UPNs or mail addresses) into members of one tenant, or says who is not one.

import { ok, refuse, type Result } from '../result.js';
import type { Directory, User } from './directory.js';

/**
 * Resolves each entry to a Member of the tenant. The first entry that is not one decides the refusal: a user of
 * another tenant (ASSIGNEE_OTHER_TENANT), a guest (ASSIGNEE_GUEST) or nobody (USER_NOT_FOUND). A directory that
 * cannot answer is DIRECTORY_UNAVAILABLE, a refusal like the others.
 */
export async function resolveMembers(
  directory: Directory,
  tenantId: string,
  entries: readonly string[],
): Promise<Result<User[]>> {
  try {
    return await resolveAll(directory, tenantId, entries);
  } catch (error) {
    return refuse('DIRECTORY_UNAVAILABLE', { detail: (error as Error).message });
  }
}

async function resolveAll(
  directory: Directory,
  tenantId: string,
  entries: readonly string[],
): Promise<Result<User[]>> {
  const users: User[] = [];
  for (const entry of entries) {
    const user = entry.includes('@')
      ? await directory.findUserBySignInName(tenantId, entry)
      : await directory.getUser(tenantId, entry);
    if (!user || user.deleted) {
      const domain = entry.includes('@') ? entry.split('@').pop()?.toLowerCase() : undefined;
      // An address in one of the tenant's own domains is nobody there; only another domain needs the (cross-tenant)
      // lookup of whose it is.
      const own = domain ? (await directory.getTenant(tenantId))?.domains : undefined;
      if (domain && own?.some((d) => d.toLowerCase() === domain)) {
        return refuse('USER_NOT_FOUND', { user: entry });
      }
      const elsewhere = domain ? await directory.findTenantByDomain(domain) : undefined;
      if (elsewhere && elsewhere.id !== tenantId) {
        return refuse('ASSIGNEE_OTHER_TENANT', { user: entry, otherTenantName: elsewhere.name });
      }
      return refuse('USER_NOT_FOUND', { user: entry });
    }
    if (user.userType === 'Guest') return refuse('ASSIGNEE_GUEST', { user: user.displayName });
    if (!users.some((u) => u.id === user.id)) users.push(user);
  }
  return ok(users);
}
