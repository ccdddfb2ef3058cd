// Who is asking, and as what: a member or guest of the tenant acted on, or a partner through DAP/GDAP (S-18).

import type { Directory, Role, Tenant, User } from '../directory/directory.js';
import { ok, refuse, type Result } from '../result.js';

/** The chat user: the tenant their Teams identity belongs to, and their object id there. */
export interface Caller {
  readonly tenantId: string;
  readonly userId: string;
}

/** A caller resolved against the tenant they act on. */
export interface Actor {
  readonly kind: 'member' | 'guest' | 'partner';
  readonly user: User;
  /** The tenant acted on: the caller's own, or a partner's customer. */
  readonly tenant: Tenant;
  /** Roles in the tenant acted on: the user's own, or those the partner relationship grants. */
  readonly roles: readonly Role[];
  /** Set for partners: DAP or GDAP. */
  readonly relationship?: 'DAP' | 'GDAP';
}

/**
 * Resolves the caller for an action on `targetTenantId` (default: their own tenant). A partner's user acts on a
 * customer only through a relationship that lists them as an agent.
 */
export async function resolveActor(
  directory: Directory,
  caller: Caller,
  targetTenantId: string = caller.tenantId,
): Promise<Result<Actor>> {
  try {
    const user = await directory.getUser(caller.tenantId, caller.userId);
    if (!user || user.deleted) return refuse('USER_NOT_FOUND', { userId: caller.userId });
    if (!user.accountEnabled) return refuse('ACCOUNT_DISABLED', {});
    const tenant = await directory.getTenant(targetTenantId);
    if (!tenant) return refuse('NO_TENANT', { tenantId: targetTenantId });
    if (targetTenantId === caller.tenantId) {
      return ok({
        kind: user.userType === 'Guest' ? 'guest' : 'member',
        user,
        tenant,
        roles: user.roles,
      });
    }
    const relationships = await directory.partnerRelationshipsOf(targetTenantId);
    const relationship = relationships.find(
      (r) => r.partnerTenantId === caller.tenantId && r.agentUserIds.includes(caller.userId),
    );
    if (!relationship || user.userType === 'Guest') {
      return refuse('ACCESS_DENIED', { tenantName: tenant.name, reason: 'noPartnerRelationship' });
    }
    return ok({
      kind: 'partner',
      user,
      tenant,
      roles: relationship.roles,
      relationship: relationship.kind,
    });
  } catch (error) {
    return refuse('DIRECTORY_UNAVAILABLE', { detail: (error as Error).message });
  }
}
