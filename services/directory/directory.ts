// The directory port: tenants, users, roles and partner relationships, from a seed file or Microsoft Graph.

export type TenantType = 'commercial' | 'education' | 'government' | 'nonprofit';
export type Cloud = 'worldwide' | 'usgov' | 'china21vianet';

export const ROLES = [
  'GlobalAdministrator',
  'BillingAdministrator',
  'GlobalReader',
  'LicenseAdministrator',
  'UserAdministrator',
] as const;
export type Role = (typeof ROLES)[number];

/** An Entra tenant (domain.md §0). */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly type: TenantType;
  readonly cloud: Cloud;
  /** A verified-domain tenant; unmanaged ("viral") tenants cannot buy (rule 1). */
  readonly managed: boolean;
  /** ISO-3166 alpha-2. */
  readonly country: string;
  readonly domains: readonly string[];
  /** Has at least one central subscription; gates trials without a payment method (rule 9). */
  readonly hasExistingAgreement: boolean;
  readonly licenseRequestsEnabled: boolean;
  /** The organization's own request process, shown instead of storing requests (§4.3). */
  readonly customRequestMessage?: string;
}

/** A user object in a tenant; a guest is a separate object in the tenant that invited it. */
export interface User {
  readonly id: string;
  readonly tenantId: string;
  readonly upn: string;
  readonly mail?: string;
  readonly displayName: string;
  readonly userType: 'Member' | 'Guest';
  /** For guests, the tenant the identity really belongs to. */
  readonly homeTenantId: string;
  readonly source: 'cloud' | 'syncedFromOnPremAD';
  readonly accountEnabled: boolean;
  readonly deleted: boolean;
  /** Usage location, ISO-3166 alpha-2; empty when not set (S-3 then uses the tenant's country). */
  readonly country: string;
  readonly roles: readonly Role[];
}

/** A partner's delegated admin access to a customer tenant (DAP or GDAP). */
export interface PartnerRelationship {
  readonly partnerTenantId: string;
  readonly customerTenantId: string;
  readonly kind: 'DAP' | 'GDAP';
  readonly roles: readonly Role[];
  /** The partner users who act through this relationship (the admin agents, or the GDAP security group). */
  readonly agentUserIds: readonly string[];
}

/** A subscription the organization bought centrally; the target of "move users" and of license requests. */
export interface CentralSubscription {
  readonly id: string;
  readonly tenantId: string;
  readonly productId: string;
  readonly productName: string;
  readonly quantity: number;
  readonly assignedUserIds: readonly string[];
  readonly startDate: string;
  readonly expirationDate: string;
}

/** Domains of consumer mail services: an address there never belongs to a work or school tenant (rule 1). */
export const CONSUMER_DOMAINS: ReadonlySet<string> = new Set([
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'hotmail.se',
  'live.se',
]);

/**
 * The directory could not answer (Microsoft Graph unreachable, throttled, slow or failing). The domain turns it
 * into DIRECTORY_UNAVAILABLE where it can; anywhere else the bot answers "try again in a minute". Never an allow.
 */
export class DirectoryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryUnavailableError';
  }
}

/**
 * Read access to the organization's directory. Every method may reject when the directory cannot be reached
 * (Microsoft Graph); the domain then refuses rather than allows.
 */
export interface Directory {
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  /** The tenant that has verified this mail domain, if any. */
  findTenantByDomain(domain: string): Promise<Tenant | undefined>;
  getUser(tenantId: string, userId: string): Promise<User | undefined>;
  /** A user of the tenant by UPN or mail address, case-insensitively. */
  findUserBySignInName(tenantId: string, signInName: string): Promise<User | undefined>;
  /** People of the tenant whose name or mail starts with the text (the license-assignment picker). */
  searchUsers(tenantId: string, text: string, limit: number): Promise<User[]>;
  /** Enabled, not deleted users holding any of the roles. */
  usersWithRoles(tenantId: string, roles: readonly Role[]): Promise<User[]>;
  /** Relationships in which this tenant is the customer. */
  partnerRelationshipsOf(customerTenantId: string): Promise<PartnerRelationship[]>;
  /** Relationships in which this tenant is the partner (its customers). */
  customerRelationshipsOf(partnerTenantId: string): Promise<PartnerRelationship[]>;
  centralSubscriptions(tenantId: string): Promise<CentralSubscription[]>;
}
