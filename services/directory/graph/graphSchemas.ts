// The Graph v1.0 answers the directory reads, as zod schemas of only the fields it selects.

import { z } from 'zod';

/** The user fields the bot uses, and nothing more (`$select` keeps the answers small and the permission honest). */
export const USER_FIELDS = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'userType',
  'accountEnabled',
  'usageLocation',
  'onPremisesSyncEnabled',
].join(',');

const text = z.string().nullish();

export const graphUserSchema = z.object({
  id: z.string().min(1),
  displayName: text,
  userPrincipalName: text,
  mail: text,
  userType: text,
  accountEnabled: z.boolean().nullish(),
  usageLocation: text,
  onPremisesSyncEnabled: z.boolean().nullish(),
  deletedDateTime: text,
});
export type GraphUser = z.infer<typeof graphUserSchema>;

/** A member of a directory role or group: a user, a group, a service principal, ... told apart by @odata.type. */
export const directoryObjectSchema = graphUserSchema.extend({
  '@odata.type': z.string().optional(),
});
export type DirectoryObject = z.infer<typeof directoryObjectSchema>;

export const directoryRoleSchema = z.object({
  id: z.string(),
  roleTemplateId: text,
});

export const organizationSchema = z.object({
  value: z
    .array(
      z.object({
        id: z.string(),
        displayName: text,
        countryLetterCode: text,
        verifiedDomains: z.array(z.object({ name: z.string() })).nullish(),
      }),
    )
    .min(1),
});

export const tenantInformationSchema = z.object({
  tenantId: z.string(),
  displayName: text,
  defaultDomainName: text,
});
export type TenantInformation = z.infer<typeof tenantInformationSchema>;

export const companySubscriptionSchema = z.object({
  id: z.string(),
  skuId: z.string(),
  skuPartNumber: z.string(),
  status: text,
  totalLicenses: z.number().int().nullish(),
  isTrial: z.boolean().nullish(),
  createdDateTime: text,
  nextLifecycleDateTime: text,
});
export type CompanySubscription = z.infer<typeof companySubscriptionSchema>;

export const idOnlySchema = z.object({ id: z.string() });
