// The format of the directory seed file (DIRECTORY_FILE), validated with zod; README "Directory seed" documents it.

import { z } from 'zod';
import { ROLES } from './directory.js';

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected a two-letter ISO 3166 country code in capitals, such as "US"');
const id = z.string().min(1, 'must not be empty');
const isoDate = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 time such as "2026-01-01T00:00:00Z"',
});

const userSchema = z.strictObject({
  id,
  upn: z
    .string()
    .regex(
      /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/,
      'expected a user principal name such as "alice@contoso.com"',
    ),
  mail: z.email({ message: 'expected a mail address such as "alice@contoso.com"' }).optional(),
  displayName: z.string().min(1),
  userType: z.enum(['Member', 'Guest']),
  homeTenantId: id.optional(),
  source: z.enum(['cloud', 'syncedFromOnPremAD']).default('cloud'),
  accountEnabled: z.boolean().default(true),
  deleted: z.boolean().default(false),
  country: z.union([countryCode, z.literal('')]).default(''),
  roles: z.array(z.enum(ROLES)).default([]),
});

const centralSubscriptionSchema = z.strictObject({
  id,
  productId: id,
  productName: z.string().min(1),
  quantity: z.number().int().min(1),
  assignedUserIds: z.array(id).default([]),
  startDate: isoDate,
  expirationDate: isoDate,
});

const tenantSchema = z.strictObject({
  id,
  name: z.string().min(1),
  type: z.enum(['commercial', 'education', 'government', 'nonprofit']),
  cloud: z.enum(['worldwide', 'usgov', 'china21vianet']).default('worldwide'),
  managed: z.boolean().default(true),
  country: countryCode,
  domains: z.array(
    z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'expected a lower-case domain name'),
  ),
  hasExistingAgreement: z.boolean().default(false),
  licenseRequestsEnabled: z.boolean().default(false),
  customRequestMessage: z.string().min(1).optional(),
  users: z.array(userSchema).default([]),
  centralSubscriptions: z.array(centralSubscriptionSchema).default([]),
});

/** A DAP or GDAP relationship; also the format of `partnerRelationships` in the Graph tenants file. */
export const relationshipSchema = z.strictObject({
  partnerTenantId: id,
  customerTenantId: id,
  kind: z.enum(['DAP', 'GDAP']),
  roles: z.array(z.enum(ROLES)).min(1),
  agentUserIds: z.array(id).min(1),
});

/** The whole seed file, with the cross-references checked (ids unique, guests from elsewhere, ...). */
export const directorySeedSchema = z
  .strictObject({
    tenants: z.array(tenantSchema).min(1),
    partnerRelationships: z.array(relationshipSchema).default([]),
  })
  .superRefine((seed, ctx) => {
    const tenantIds = new Set<string>();
    const domains = new Map<string, number>();
    seed.tenants.forEach((tenant, t) => {
      if (tenantIds.has(tenant.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', t, 'id'],
          message: `duplicate tenant id ${tenant.id}`,
        });
      }
      tenantIds.add(tenant.id);
      tenant.domains.forEach((domain, d) => {
        if (domains.has(domain)) {
          ctx.addIssue({
            code: 'custom',
            path: ['tenants', t, 'domains', d],
            message: `domain ${domain} is already verified by tenants[${domains.get(domain)}]`,
          });
        }
        domains.set(domain, t);
      });
      const userIds = new Set<string>();
      tenant.users.forEach((user, u) => {
        const path = ['tenants', t, 'users', u];
        if (userIds.has(user.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'id'],
            message: `duplicate user id ${user.id}`,
          });
        }
        userIds.add(user.id);
        if (user.userType === 'Guest' && (!user.homeTenantId || user.homeTenantId === tenant.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'homeTenantId'],
            message: 'a guest needs the id of its home tenant, which is not this tenant',
          });
        }
        if (user.userType === 'Member' && user.homeTenantId && user.homeTenantId !== tenant.id) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'homeTenantId'],
            message: 'a member belongs to this tenant; leave homeTenantId out',
          });
        }
      });
      tenant.centralSubscriptions.forEach((sub, s) => {
        const path = ['tenants', t, 'centralSubscriptions', s];
        sub.assignedUserIds.forEach((userId, a) => {
          if (!userIds.has(userId)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'assignedUserIds', a],
              message: `no user ${userId} in this tenant`,
            });
          }
        });
        if (sub.assignedUserIds.length > sub.quantity) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'assignedUserIds'],
            message: `${sub.assignedUserIds.length} users assigned but only ${sub.quantity} licenses`,
          });
        }
      });
    });
    seed.partnerRelationships.forEach((rel, r) => {
      const path = ['partnerRelationships', r];
      const partner = seed.tenants.find((t) => t.id === rel.partnerTenantId);
      if (!partner) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'partnerTenantId'],
          message: `no tenant ${rel.partnerTenantId}`,
        });
      }
      if (!tenantIds.has(rel.customerTenantId)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'customerTenantId'],
          message: `no tenant ${rel.customerTenantId}`,
        });
      }
      rel.agentUserIds.forEach((agent, a) => {
        if (partner && !partner.users.some((u) => u.id === agent)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'agentUserIds', a],
            message: `no user ${agent} in the partner tenant`,
          });
        }
      });
    });
  });

export type DirectorySeed = z.infer<typeof directorySeedSchema>;

/** "tenants[2].users[0].country" from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${String(part)}` : String(part);
  }, '');
}
