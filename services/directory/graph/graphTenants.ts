// Tenants from Graph (/organization, cross-tenant lookups) joined with what the tenants file says about them.

import { CONSUMER_DOMAINS, type Cloud, type Tenant } from '../directory.js';
import type { GraphClient } from './graphClient.js';
import { GraphUnavailableError, TenantNotConsentedError } from './graphErrors.js';
import { organizationSchema, tenantInformationSchema } from './graphSchemas.js';
import { GUID, type TenantSettings, type TenantsConfig } from './graphSettings.js';
import { TtlCache } from './ttlCache.js';

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const DEFAULTS: TenantSettings = {
  type: 'commercial',
  hasExistingAgreement: false,
  licenseRequestsEnabled: false,
};

/**
 * A tenant the app is consented in is read with its own token from `/organization` (name, country, verified
 * domains) and is managed. A tenant Entra knows but the app is not in (an unmanaged "viral" tenant can never
 * consent, having no admin) is named through the home tenant's cross-tenant lookup and reported unmanaged, so
 * rule 1 refuses it. Type, cloud, agreement and request settings come from the tenants file.
 */
export class GraphTenants {
  private readonly tenants: TtlCache<Tenant | undefined>;
  private readonly domains: TtlCache<string | undefined>;

  constructor(
    private readonly client: GraphClient,
    private readonly homeTenantId: string,
    private readonly config: TenantsConfig,
    private readonly defaultCloud: Cloud,
    ttlMs: number,
    now: () => number,
  ) {
    this.tenants = new TtlCache(ttlMs, now);
    this.domains = new TtlCache(ttlMs, now);
  }

  getTenant(tenantId: string): Promise<Tenant | undefined> {
    if (!GUID.test(tenantId)) return Promise.resolve(undefined);
    return this.tenants.get(tenantId.toLowerCase(), () => this.load(tenantId));
  }

  async findTenantByDomain(domain: string): Promise<Tenant | undefined> {
    const tenantId = await this.tenantIdOfDomain(domain);
    return tenantId ? this.getTenant(tenantId) : undefined;
  }

  /** The id of the tenant that verified the domain; undefined for consumer mail and unknown domains. */
  tenantIdOfDomain(domain: string): Promise<string | undefined> {
    const wanted = domain.trim().toLowerCase();
    if (CONSUMER_DOMAINS.has(wanted) || !DOMAIN.test(wanted) || wanted.length > 253) {
      return Promise.resolve(undefined);
    }
    return this.domains.get(wanted, async () => {
      const info = await this.fromHome(() =>
        this.client.get(
          {
            tenantId: this.homeTenantId,
            path: `/tenantRelationships/findTenantInformationByDomainName(domainName='${wanted}')`,
            what: 'tenant of a domain',
          },
          tenantInformationSchema,
        ),
      );
      return info?.tenantId;
    });
  }

  private async load(tenantId: string): Promise<Tenant | undefined> {
    const settings = this.config.tenants.get(tenantId.toLowerCase()) ?? DEFAULTS;
    const common = {
      id: tenantId,
      type: settings.type,
      cloud: settings.cloud ?? this.defaultCloud,
      hasExistingAgreement: settings.hasExistingAgreement,
      licenseRequestsEnabled: settings.licenseRequestsEnabled,
      ...(settings.customRequestMessage
        ? { customRequestMessage: settings.customRequestMessage }
        : {}),
    };
    try {
      const org = await this.client.get(
        {
          tenantId,
          path: '/organization',
          query: { $select: 'id,displayName,countryLetterCode,verifiedDomains' },
          what: 'organization',
        },
        organizationSchema,
      );
      const first = org?.value[0];
      if (!first) throw new GraphUnavailableError('Microsoft Graph gave no organization');
      const domains = (first.verifiedDomains ?? []).map((d) => d.name.toLowerCase());
      // A verified domain belongs to one tenant only: later questions about these domains need no cross-tenant
      // lookup (and so no CrossTenantInformation.ReadBasic.All) while this answer is fresh.
      for (const domain of domains) this.domains.set(domain, tenantId);
      return {
        ...common,
        name: first.displayName ?? tenantId,
        managed: true,
        country: (first.countryLetterCode ?? '').toUpperCase(),
        domains,
      };
    } catch (error) {
      if (!(error instanceof TenantNotConsentedError)) throw error;
    }
    const info = await this.fromHome(() =>
      this.client.get(
        {
          tenantId: this.homeTenantId,
          path: `/tenantRelationships/findTenantInformationByTenantId(tenantId='${tenantId}')`,
          what: 'tenant information',
        },
        tenantInformationSchema,
      ),
    );
    if (!info) return undefined;
    return {
      ...common,
      name: info.displayName ?? info.defaultDomainName ?? tenantId,
      managed: false,
      country: '',
      domains: info.defaultDomainName ? [info.defaultDomainName.toLowerCase()] : [],
    };
  }

  /** A call with the home tenant's token; that tenant refusing the app is a broken setup, so an outage. */
  private async fromHome<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof TenantNotConsentedError) {
        throw new GraphUnavailableError(
          `The app's own tenant (GRAPH_TENANT_ID) refuses it: ${error.reason}`,
        );
      }
      throw error;
    }
  }
}
