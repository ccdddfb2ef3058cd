// The §1.2 permission matrix as data, and the checks built on it (S-17, S-18, S-21).

import type { Role } from '../directory/directory.js';
import type { Actor } from './actor.js';

/** The matrix's columns (the Buyer column is "own", which is checked on the subscription itself). */
export type Column =
  | 'user'
  | 'guest'
  | 'globalAdmin'
  | 'billingAdmin'
  | 'globalReader'
  | 'licenseOrUserAdmin'
  | 'partnerGlobalAdmin'
  | 'partnerBillingOrReader';

/** Tenant-wide actions of the matrix (purchases and trials are governed by the eligibility rules instead). */
export type TenantAction =
  | 'viewAllPurchases'
  | 'takeOver'
  | 'reactivate'
  | 'readPolicies'
  | 'changePolicies'
  | 'changePoliciesInAdminCenter'
  | 'approveLicenseRequests'
  | 'receivePurchaseNotification'
  | 'receiveTrialNotification';

/** Which columns are allowed each action; every other column is refused. */
export const TENANT_GRANTS: Readonly<Record<TenantAction, readonly Column[]>> = {
  viewAllPurchases: [
    'globalAdmin',
    'billingAdmin',
    'globalReader',
    'partnerGlobalAdmin',
    'partnerBillingOrReader',
  ],
  takeOver: ['globalAdmin', 'billingAdmin', 'partnerGlobalAdmin'],
  // §3.3: "Global or Billing admins can reactivate"; a partner with the Global admin role acts as one.
  reactivate: ['globalAdmin', 'billingAdmin', 'partnerGlobalAdmin'],
  readPolicies: [
    'globalAdmin',
    'billingAdmin',
    'globalReader',
    'partnerGlobalAdmin',
    'partnerBillingOrReader',
  ],
  changePolicies: ['globalAdmin', 'billingAdmin', 'partnerGlobalAdmin'],
  changePoliciesInAdminCenter: ['globalAdmin', 'partnerGlobalAdmin'],
  approveLicenseRequests: ['globalAdmin', 'licenseOrUserAdmin', 'partnerGlobalAdmin'],
  receivePurchaseNotification: ['globalAdmin', 'billingAdmin'],
  receiveTrialNotification: ['globalAdmin'],
};

const ROLE_COLUMNS: Readonly<Record<Role, Column>> = {
  GlobalAdministrator: 'globalAdmin',
  BillingAdministrator: 'billingAdmin',
  GlobalReader: 'globalReader',
  LicenseAdministrator: 'licenseOrUserAdmin',
  UserAdministrator: 'licenseOrUserAdmin',
};

/** The columns an actor stands in; a person with two roles gets the union of both. */
export function columnsOf(actor: Pick<Actor, 'kind' | 'roles'>): Column[] {
  if (actor.kind === 'partner') {
    const columns: Column[] = [];
    if (actor.roles.includes('GlobalAdministrator')) columns.push('partnerGlobalAdmin');
    if (actor.roles.includes('BillingAdministrator') || actor.roles.includes('GlobalReader')) {
      columns.push('partnerBillingOrReader');
    }
    return columns;
  }
  const base: Column = actor.kind === 'guest' ? 'guest' : 'user';
  return [base, ...actor.roles.map((role) => ROLE_COLUMNS[role])];
}

/** True when the matrix allows the action to this actor. */
export function can(actor: Pick<Actor, 'kind' | 'roles'>, action: TenantAction): boolean {
  const allowed = TENANT_GRANTS[action];
  return columnsOf(actor).some((column) => allowed.includes(column));
}
