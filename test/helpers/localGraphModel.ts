// A directory seed as Microsoft Graph would hold it: Graph JSON users, roles, groups, subscriptions per tenant.

import { createHash } from 'node:crypto';
import type { Role } from '../../services/directory/directory.js';
import { PRODUCT_OF_SKU } from '../../services/directory/graph/productSkus.js';
import type { TenantsFile } from '../../services/directory/graph/graphSettings.js';
import type { DirectorySeed } from '../../services/directory/seedSchema.js';

/** A user as Graph returns it, plus the SKUs it holds (for `assignedLicenses/any(...)`). */
export interface GraphUserJson {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
  readonly userType: 'Member' | 'Guest';
  readonly accountEnabled: boolean;
  readonly usageLocation: string | null;
  readonly onPremisesSyncEnabled: boolean | null;
  readonly skuIds: readonly string[];
}

/** A group; with `roles` it is a role-assignable group holding those directory roles. */
export interface GroupJson {
  readonly id: string;
  readonly displayName: string;
  readonly memberIds: readonly string[];
  readonly roles: readonly Role[];
}

export interface SubscriptionJson {
  readonly id: string;
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly status: string;
  readonly totalLicenses: number;
  readonly isTrial: boolean;
  readonly createdDateTime: string;
  readonly nextLifecycleDateTime: string | null;
}

export interface ModelTenant {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly domains: readonly string[];
  /** The app has a service principal here; false for unmanaged tenants, whose token requests are refused. */
  readonly consented: boolean;
  readonly users: GraphUserJson[];
  readonly deleted: GraphUserJson[];
  readonly groups: GroupJson[];
  /** Direct holders of each role, in seed order. */
  readonly roleHolders: Map<Role, string[]>;
  readonly subscriptions: SubscriptionJson[];
}

/** A stable made-up skuId per part number (real skuIds are GUIDs too; the directory keys on the part number). */
export function skuIdOf(partNumber: string): string {
  const hex = createHash('sha256').update(partNumber).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The first part number mapped to a product: what Graph would call a central subscription of it. */
export function partNumberOf(productId: string): string {
  const found = Object.entries(PRODUCT_OF_SKU).find(([, id]) => id === productId);
  if (!found) throw new Error(`No SKU for product ${productId}`);
  return found[0];
}

/** Every tenant of the seed, as Graph would answer about it. */
export function modelFromSeed(seed: DirectorySeed): Map<string, ModelTenant> {
  const model = new Map<string, ModelTenant>();
  for (const t of seed.tenants) {
    const skusOf = new Map<string, string[]>();
    const subscriptions = t.centralSubscriptions.map((s): SubscriptionJson => {
      const skuPartNumber = partNumberOf(s.productId);
      const skuId = skuIdOf(skuPartNumber);
      for (const userId of s.assignedUserIds)
        skusOf.set(userId, [...(skusOf.get(userId) ?? []), skuId]);
      return {
        id: s.id,
        skuId,
        skuPartNumber,
        status: 'Enabled',
        totalLicenses: s.quantity,
        isTrial: false,
        createdDateTime: s.startDate,
        nextLifecycleDateTime: s.expirationDate,
      };
    });
    const json = (u: (typeof t.users)[number]): GraphUserJson => ({
      id: u.id,
      displayName: u.displayName,
      userPrincipalName: u.upn,
      mail: u.mail ?? null,
      userType: u.userType,
      accountEnabled: u.accountEnabled,
      usageLocation: u.country || null,
      onPremisesSyncEnabled: u.source === 'syncedFromOnPremAD' ? true : null,
      skuIds: skusOf.get(u.id) ?? [],
    });
    const roleHolders = new Map<Role, string[]>();
    for (const u of t.users.filter((u) => !u.deleted)) {
      for (const role of u.roles) roleHolders.set(role, [...(roleHolders.get(role) ?? []), u.id]);
    }
    model.set(t.id, {
      id: t.id,
      name: t.name,
      country: t.country,
      domains: t.domains,
      consented: t.managed,
      users: t.users.filter((u) => !u.deleted).map(json),
      deleted: t.users.filter((u) => u.deleted).map(json),
      groups: [],
      roleHolders,
      subscriptions,
    });
  }
  return model;
}

/** What Graph cannot tell about the seed's tenants, as the GRAPH_TENANTS_FILE would say it. */
export function tenantsFileFromSeed(seed: DirectorySeed): TenantsFile {
  return {
    tenants: seed.tenants.map((t) => ({
      id: t.id,
      type: t.type,
      cloud: t.cloud,
      hasExistingAgreement: t.hasExistingAgreement,
      licenseRequestsEnabled: t.licenseRequestsEnabled,
      ...(t.customRequestMessage ? { customRequestMessage: t.customRequestMessage } : {}),
    })),
    partnerRelationships: seed.partnerRelationships,
  };
}
