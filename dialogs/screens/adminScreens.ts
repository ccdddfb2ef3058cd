// Screens of the admin side: each loads what it shows from the domain (checking rights there) and returns cards.

import type { Attachment } from 'botbuilder';
import {
  adminSubscriptionCard,
  auditCard,
  overviewCard,
  policyCard,
  requestsCard,
  takeoverForm,
} from '../../cards/adminCards.js';
import type { Localizer } from '../../locales/localizer.js';
import type { Caller } from '../../services/access/actor.js';
import type { PurchaseFilter } from '../../services/admin/purchasesOverview.js';
import { findProductById } from '../../services/catalog/catalog.js';
import type { Domain } from '../../services/domain.js';
import { refusalCard } from './purchaseScreens.js';
import { viewSubscription } from '../../services/subscriptions/views.js';

/** The tenant's purchases, a page at a time. */
export async function adminPurchasesScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
  filter: PurchaseFilter,
  page: number,
): Promise<Attachment> {
  const overview = await domain.overview.list(caller, tenantId, filter);
  return overview.ok
    ? overviewCard(t, overview.value, filter, page)
    : refusalCard(t, overview.refusal);
}

/** One purchase with its full history, as an admin sees it. */
export async function adminPurchaseScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
  subscriptionId: string,
  note?: string,
): Promise<Attachment> {
  const overview = await domain.overview.list(caller, tenantId, { channel: 'All' });
  if (!overview.ok) return refusalCard(t, overview.refusal);
  const view = overview.value.items.find((v) => v.id === subscriptionId);
  if (!view) return refusalCard(t, { code: 'SUBSCRIPTION_NOT_FOUND', facts: { subscriptionId } });
  return adminSubscriptionCard(t, view, tenantId, overview.value.tenantName, note);
}

/** The take-over form, offering the tenant's central subscriptions as targets. */
export async function takeoverScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
  subscriptionId: string,
): Promise<Attachment> {
  const overview = await domain.overview.list(caller, tenantId, { channel: 'All' });
  if (!overview.ok) return refusalCard(t, overview.refusal);
  const view = overview.value.items.find(
    (v) => v.id === subscriptionId && v.channel === 'SelfService',
  );
  if (!view) return refusalCard(t, { code: 'SUBSCRIPTION_NOT_FOUND', facts: { subscriptionId } });
  if (view.status === 'Deleted') {
    const decision = await domain.decisions.current(subscriptionId);
    return refusalCard(t, {
      code: 'SUBSCRIPTION_NOT_ACTIVE',
      facts: { productName: view.productName, status: view.status, byName: decision?.byName },
    });
  }
  const central = overview.value.items.filter((v) => v.channel === 'Central');
  return takeoverForm(t, view, tenantId, central);
}

/** Every product's AllowSelfServicePurchase value with the three choices. */
export async function policyScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
  note?: string,
): Promise<Attachment> {
  const listed = await domain.policies.listProductPolicies(caller, tenantId);
  if (!listed.ok) return refusalCard(t, listed.refusal);
  const freeTrial = (id: string): boolean =>
    findProductById(id)?.trialWithoutPaymentMethod ?? false;
  return policyCard(t, tenantId, listed.value.tenantName, listed.value.policies, freeTrial, note);
}

/** The recent policy changes. */
export async function auditScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
): Promise<Attachment> {
  const trail = await domain.policies.auditTrail(caller, tenantId, 15);
  return trail.ok
    ? auditCard(t, tenantId, trail.value.tenantName, trail.value.entries)
    : refusalCard(t, trail.refusal);
}

/** Pending license requests, one card each. */
export async function requestsScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
): Promise<Attachment[]> {
  const pending = await domain.licenseRequests.list(caller, tenantId, 'pending');
  if (!pending.ok) return [refusalCard(t, pending.refusal)];
  const tenant = await domain.directory.getTenant(tenantId);
  const central = await domain.licenseRequests.centralSubscriptions(caller, tenantId);
  const now = domain.clock.now();
  const views = central.ok
    ? await Promise.all(central.value.map((s) => viewSubscription(s, domain.directory, now)))
    : [];
  return requestsCard(t, tenantId, tenant?.name ?? tenantId, pending.value, views);
}
