// The Graph directory's settings, and the per-tenant file (GRAPH_TENANTS_FILE) for what Graph cannot tell.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Cloud, PartnerRelationship, TenantType } from '../directory.js';
import { formatPath, relationshipSchema } from '../seedSchema.js';

/** How the app proves who it is to the token endpoint. */
export type GraphCredential =
  | { readonly kind: 'secret'; readonly secret: string }
  /** A PEM file holding the private key and the certificate uploaded to the app registration. */
  | { readonly kind: 'certificate'; readonly file: string };

/** What bot/config.ts validated from the environment for DIRECTORY=graph. */
export interface GraphSettings {
  /** The Entra app (client) id. */
  readonly clientId: string;
  /** The tenant the app is registered in; its token asks Graph about other tenants (by domain, by id). */
  readonly homeTenantId: string;
  readonly credential: GraphCredential;
  /** `https://login.microsoftonline.com`, or a sovereign cloud's; no trailing slash. */
  readonly authorityHost: string;
  /** `https://graph.microsoft.com/v1.0`, or a sovereign cloud's; no trailing slash. */
  readonly graphBaseUrl: string;
  readonly tenantsFile?: string;
  readonly cacheTtlMs: number;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  /** The most one directory lookup may take, every call, retry, wait and page included. */
  readonly budgetMs: number;
}

/** What one tenant is, as far as Graph cannot say it reliably. */
export interface TenantSettings {
  readonly type: TenantType;
  readonly cloud?: Cloud;
  readonly hasExistingAgreement: boolean;
  readonly licenseRequestsEnabled: boolean;
  readonly customRequestMessage?: string;
}

/** The tenants file, parsed. Tenants it does not list get the defaults (commercial, no agreement, no requests). */
export interface TenantsConfig {
  readonly tenants: ReadonlyMap<string, TenantSettings>;
  readonly partnerRelationships: readonly PartnerRelationship[];
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tenantId = z.string().regex(GUID, 'expected an Entra tenant id (a GUID)');

const tenantSchema = z.strictObject({
  id: tenantId,
  type: z.enum(['commercial', 'education', 'government', 'nonprofit']).default('commercial'),
  cloud: z.enum(['worldwide', 'usgov', 'china21vianet']).optional(),
  hasExistingAgreement: z.boolean().default(false),
  licenseRequestsEnabled: z.boolean().default(false),
  customRequestMessage: z.string().min(1).optional(),
});

/** The file format; README "Microsoft Graph directory" documents it. */
export const tenantsFileSchema = z
  .strictObject({
    tenants: z.array(tenantSchema).default([]),
    partnerRelationships: z.array(relationshipSchema).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.tenants.forEach((tenant, t) => {
      const key = tenant.id.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', t, 'id'],
          message: `duplicate tenant id ${tenant.id}`,
        });
      }
      seen.add(key);
    });
  });

export type TenantsFile = z.input<typeof tenantsFileSchema>;

/** A Graph setting that cannot be used; the message names the setting (or file) and what is wrong. */
export class GraphSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphSetupError';
  }
}

/** Validates tenants-file content (already parsed JSON); `source` names it in the error. */
export function parseTenantsConfig(json: unknown, source: string): TenantsConfig {
  const parsed = tenantsFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`,
    );
    throw new GraphSetupError(`GRAPH_TENANTS_FILE ${source} is not valid: ${problems.join('; ')}`);
  }
  return {
    tenants: new Map(parsed.data.tenants.map(({ id, ...rest }) => [id.toLowerCase(), rest])),
    partnerRelationships: parsed.data.partnerRelationships,
  };
}

/** Reads and validates the tenants file; no file means every tenant takes the defaults and there are no partners. */
export function readTenantsConfig(file: string | undefined): TenantsConfig {
  if (!file) return { tenants: new Map(), partnerRelationships: [] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GraphSetupError(
      `GRAPH_TENANTS_FILE ${file} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  return parseTenantsConfig(json, file);
}

/** The cloud a deployment's tenants are in, by its authority host; the tenants file may say otherwise per tenant. */
export function cloudOfAuthority(authorityHost: string): Cloud {
  const host = new URL(authorityHost).hostname.toLowerCase();
  if (host.endsWith('.microsoftonline.us')) return 'usgov';
  if (host.endsWith('.chinacloudapi.cn') || host.endsWith('.partner.microsoftonline.cn')) {
    return 'china21vianet';
  }
  return 'worldwide';
}
