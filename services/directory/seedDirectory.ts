// The embedded directory: a JSON seed file (DIRECTORY_FILE) read once at start-up and held in memory.

import { readFileSync } from 'node:fs';
import {
  CONSUMER_DOMAINS,
  type CentralSubscription,
  type Directory,
  type PartnerRelationship,
  type Role,
  type Tenant,
  type User,
} from './directory.js';
import { directorySeedSchema, formatPath, type DirectorySeed } from './seedSchema.js';

/** A seed file that cannot be used; the message names the file, the place in it and what is wrong. */
export class DirectorySeedError extends Error {
  constructor(file: string, problems: readonly string[]) {
    super(`Directory seed ${file} is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'DirectorySeedError';
  }
}

/** Parses and validates seed text; throws {@link DirectorySeedError} listing every problem. */
export function parseDirectorySeed(text: string, file: string): DirectorySeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DirectorySeedError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = directorySeedSchema.safeParse(json);
  if (!parsed.success) {
    throw new DirectorySeedError(
      file,
      parsed.error.issues.map(
        (issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`,
      ),
    );
  }
  return parsed.data;
}

/** The directory held in a seed file. */
export class SeedDirectory implements Directory {
  private readonly tenants = new Map<string, Tenant>();
  private readonly users = new Map<string, User[]>();
  private readonly central = new Map<string, CentralSubscription[]>();
  private readonly relationships: PartnerRelationship[];

  constructor(seed: DirectorySeed) {
    for (const t of seed.tenants) {
      const { users, centralSubscriptions, ...tenant } = t;
      this.tenants.set(t.id, tenant);
      this.users.set(
        t.id,
        users.map((u) => ({ ...u, tenantId: t.id, homeTenantId: u.homeTenantId ?? t.id })),
      );
      this.central.set(
        t.id,
        centralSubscriptions.map((s) => ({ ...s, tenantId: t.id })),
      );
    }
    this.relationships = seed.partnerRelationships;
  }

  /** Reads and validates a seed file. */
  static fromFile(file: string): SeedDirectory {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new DirectorySeedError(file, [`cannot be read: ${(error as Error).message}`]);
    }
    return new SeedDirectory(parseDirectorySeed(text, file));
  }

  getTenant(tenantId: string): Promise<Tenant | undefined> {
    return Promise.resolve(this.tenants.get(tenantId));
  }

  findTenantByDomain(domain: string): Promise<Tenant | undefined> {
    const wanted = domain.toLowerCase();
    if (CONSUMER_DOMAINS.has(wanted)) return Promise.resolve(undefined);
    return Promise.resolve([...this.tenants.values()].find((t) => t.domains.includes(wanted)));
  }

  getUser(tenantId: string, userId: string): Promise<User | undefined> {
    return Promise.resolve(this.users.get(tenantId)?.find((u) => u.id === userId));
  }

  findUserBySignInName(tenantId: string, signInName: string): Promise<User | undefined> {
    const wanted = signInName.trim().toLowerCase();
    return Promise.resolve(
      this.users
        .get(tenantId)
        ?.find((u) => u.upn.toLowerCase() === wanted || u.mail?.toLowerCase() === wanted),
    );
  }

  searchUsers(tenantId: string, text: string, limit: number): Promise<User[]> {
    const wanted = text.trim().toLowerCase();
    const found = (this.users.get(tenantId) ?? []).filter((u) => {
      if (u.deleted) return false;
      const words = [u.displayName, ...u.displayName.split(/\s+/), u.upn, u.mail ?? ''];
      return words.some((w) => w.toLowerCase().startsWith(wanted));
    });
    return Promise.resolve(found.slice(0, limit));
  }

  usersWithRoles(tenantId: string, roles: readonly Role[]): Promise<User[]> {
    return Promise.resolve(
      (this.users.get(tenantId) ?? []).filter(
        (u) => u.accountEnabled && !u.deleted && u.roles.some((r) => roles.includes(r)),
      ),
    );
  }

  partnerRelationshipsOf(customerTenantId: string): Promise<PartnerRelationship[]> {
    return Promise.resolve(
      this.relationships.filter((r) => r.customerTenantId === customerTenantId),
    );
  }

  customerRelationshipsOf(partnerTenantId: string): Promise<PartnerRelationship[]> {
    return Promise.resolve(this.relationships.filter((r) => r.partnerTenantId === partnerTenantId));
  }

  centralSubscriptions(tenantId: string): Promise<CentralSubscription[]> {
    return Promise.resolve(this.central.get(tenantId) ?? []);
  }

  /** Every tenant in the seed; used by the demo and the lifecycle job's first run. */
  listTenants(): Tenant[] {
    return [...this.tenants.values()];
  }

  /** Every user of a tenant (the demo lists them; Graph has no cheap equivalent, so this is not on the port). */
  listUsers(tenantId: string): User[] {
    return this.users.get(tenantId) ?? [];
  }
}
