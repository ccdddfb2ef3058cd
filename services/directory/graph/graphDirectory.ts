// The directory of a real tenant: Microsoft Entra ID through Microsoft Graph v1.0 and msal-node (DIRECTORY=graph).

import type {
  CentralSubscription,
  Directory,
  PartnerRelationship,
  Role,
  Tenant,
  User,
} from '../directory.js';
import { GraphClient, type GraphEvent } from './graphClient.js';
import { GraphPeople } from './graphPeople.js';
import {
  cloudOfAuthority,
  readTenantsConfig,
  type GraphSettings,
  type TenantsConfig,
} from './graphSettings.js';
import { readCentralSubscriptions } from './graphSubscriptions.js';
import { GraphTenants } from './graphTenants.js';
import { GraphTokens, type TokenSource } from './graphTokens.js';

/** What the composition root (or a test) adds to the settings. */
export interface GraphDirectoryOptions {
  /** The tenants file's content; read from `settings.tenantsFile` when not given. */
  readonly tenants?: TenantsConfig;
  /** Told about every call that failed for good (logged as a warning; never holds a token). */
  readonly onFailure?: (event: GraphEvent) => void;
  /** Replaces msal (tests of the HTTP layer alone). */
  readonly tokens?: TokenSource;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock of the caches and of each lookup's budget. */
  readonly now?: () => number;
  /** The longest msal may refuse token requests after the token endpoint throttled (tests shorten it). */
  readonly maxTokenThrottleSeconds?: number;
}

/**
 * Users, guests, roles, countries and central subscriptions come from Graph; tenant types, clouds, agreements,
 * request settings and partner relationships from the tenants file, since Graph cannot tell them reliably (or
 * only to the partner, with more permissions). Every method rejects with GraphUnavailableError when Graph cannot
 * answer, and the domain refuses with DIRECTORY_UNAVAILABLE: an outage never allows anything.
 */
export class GraphDirectory implements Directory {
  private readonly people: GraphPeople;
  private readonly tenantsOf: GraphTenants;
  private readonly config: TenantsConfig;
  private readonly client: GraphClient;

  constructor(settings: GraphSettings, options: GraphDirectoryOptions = {}) {
    this.config = options.tenants ?? readTenantsConfig(settings.tenantsFile);
    const now = options.now ?? Date.now;
    const tokens =
      options.tokens ??
      new GraphTokens({
        clientId: settings.clientId,
        homeTenantId: settings.homeTenantId,
        credential: settings.credential,
        authorityHost: settings.authorityHost,
        graphBaseUrl: settings.graphBaseUrl,
        timeoutMs: settings.timeoutMs,
        maxThrottleSeconds: options.maxTokenThrottleSeconds,
      });
    this.client = new GraphClient({
      baseUrl: settings.graphBaseUrl,
      tokens,
      timeoutMs: settings.timeoutMs,
      maxAttempts: settings.maxAttempts,
      budgetMs: settings.budgetMs,
      onFailure: options.onFailure,
      sleep: options.sleep,
      now,
    });
    this.tenantsOf = new GraphTenants(
      this.client,
      settings.homeTenantId,
      this.config,
      cloudOfAuthority(settings.authorityHost),
      settings.cacheTtlMs,
      now,
    );
    this.people = new GraphPeople(
      this.client,
      (domain) => this.tenantsOf.tenantIdOfDomain(domain),
      settings.cacheTtlMs,
      now,
    );
  }

  // Each lookup runs under one deadline (GRAPH_BUDGET_MS) for every Graph call, wait and page it needs.

  getTenant(tenantId: string): Promise<Tenant | undefined> {
    return this.client.within(() => this.tenantsOf.getTenant(tenantId));
  }

  findTenantByDomain(domain: string): Promise<Tenant | undefined> {
    return this.client.within(() => this.tenantsOf.findTenantByDomain(domain));
  }

  getUser(tenantId: string, userId: string): Promise<User | undefined> {
    return this.client.within(() => this.people.getUser(tenantId, userId));
  }

  findUserBySignInName(tenantId: string, signInName: string): Promise<User | undefined> {
    return this.client.within(() => this.people.findBySignInName(tenantId, signInName));
  }

  searchUsers(tenantId: string, text: string, limit: number): Promise<User[]> {
    return this.client.within(() => this.people.search(tenantId, text, limit));
  }

  usersWithRoles(tenantId: string, roles: readonly Role[]): Promise<User[]> {
    return this.client.within(() => this.people.withAnyRole(tenantId, roles));
  }

  partnerRelationshipsOf(customerTenantId: string): Promise<PartnerRelationship[]> {
    const id = customerTenantId.toLowerCase();
    return Promise.resolve(
      this.config.partnerRelationships.filter((r) => r.customerTenantId.toLowerCase() === id),
    );
  }

  customerRelationshipsOf(partnerTenantId: string): Promise<PartnerRelationship[]> {
    const id = partnerTenantId.toLowerCase();
    return Promise.resolve(
      this.config.partnerRelationships.filter((r) => r.partnerTenantId.toLowerCase() === id),
    );
  }

  centralSubscriptions(tenantId: string): Promise<CentralSubscription[]> {
    return this.client.within(() => readCentralSubscriptions(this.client, tenantId));
  }
}
