// The Entra role template ids of the five roles the bot knows; Graph names a directory role by its template id.

import type { Role } from '../directory.js';

/**
 * Template ids are the same in every tenant and every cloud (Microsoft Entra built-in roles reference), unlike a
 * directoryRole's own id, so they are what a role is recognised by.
 */
export const ROLE_TEMPLATE_IDS: Readonly<Record<Role, string>> = {
  GlobalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  BillingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  GlobalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  LicenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  UserAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
};

const BY_TEMPLATE = new Map(
  Object.entries(ROLE_TEMPLATE_IDS).map(([role, id]) => [id, role as Role] as const),
);

/** The bot's role for a role template id; undefined for every other Entra role (they grant nothing here). */
export function roleOfTemplate(templateId: string | null | undefined): Role | undefined {
  return templateId ? BY_TEMPLATE.get(templateId.toLowerCase()) : undefined;
}
