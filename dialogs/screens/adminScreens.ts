// Screens of the admin side: each loads what it shows from the domain (checking rights there) and returns cards.

import type { Attachment } from 'botbuilder';
import { adminSubscriptionCard, overviewCard } from '../../cards/adminPurchaseCards.js';
import { messageCard } from '../../cards/cardKit.js';
import { requestsCard } from '../../cards/licenseRequestCards.js';
import { auditCard, policyCard } from '../../cards/policyCards.js';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { plain } from '../../cards/render.js';
import { takeoverForm } from '../../cards/takeoverForm.js';
import type { Localizer } from '../../locales/localizer.js';
import type { Caller } from '../../services/access/actor.js';
import type { PurchaseFilter } from '../../services/admin/purchasesOverview.js';
import { findProductById } from '../../services/catalog/catalog.js';
import type { Domain } from '../../services/domain.js';
import type { Refusal } from '../../services/result.js';
import { viewSubscription } from '../../services/subscriptions/views.js';

/** The tenant acted on, for the line under an admin answer: the caller's own or a partner's customer (S-18). */
export async function tenantNameOf(domain: Domain, tenantId: string): Promise<string> {
  return (await domain.directory.getTenant(tenantId))?.name ?? tenantId;
}

/** "Tenant: Contoso", the line every admin answer ends with (S-18). */
export async function tenantLine(domain: Domain, t: Localizer, tenantId: string): Promise<string> {
  return t.t('admin.tenant', { tenant: plain(await tenantNameOf(domain, tenantId)) });
}

/**
 * A refusal as an admin answer: like every other admin answer it names the tenant acted on, and a partner who lacks
 * the right is told the partner rules of S-18 (only the Global admin role changes policies), not the tenant's own.
 */
export async function adminRefusalCard(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
  refusal: Refusal,
): Promise<Attachment> {
  const partner = caller.tenantId !== tenantId;
  const text =
    partner && refusal.code === 'POLICY_FORBIDDEN'
      ? t.t('admin.partnerForbidden')
      : refusalMessage(t, refusal);
  return messageCard({
    title: t.t('refusal.title'),
    text,
    note: await tenantLine(domain, t, tenantId),
    color: 'Attention',
  });
}

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
    : adminRefusalCard(domain, t, caller, tenantId, overview.refusal);
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
  if (!overview.ok) return adminRefusalCard(domain, t, caller, tenantId, overview.refusal);
  const view = overview.value.items.find((v) => v.id === subscriptionId);
  if (!view)
    return adminRefusalCard(domain, t, caller, tenantId, {
      code: 'SUBSCRIPTION_NOT_FOUND',
      facts: { subscriptionId },
    });
  return adminSubscriptionCard(t, view, tenantId, overview.value.tenantName, note);
}

/** The take-over form, offering the tenant's central subscriptions as targets. */
export async function takeoverScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
  subscriptionId: string,
  fromNotification?: true,
): Promise<Attachment> {
  const overview = await domain.overview.list(caller, tenantId, { channel: 'All' });
  if (!overview.ok) return adminRefusalCard(domain, t, caller, tenantId, overview.refusal);
  const view = overview.value.items.find(
    (v) => v.id === subscriptionId && v.channel === 'SelfService',
  );
  if (!view)
    return adminRefusalCard(domain, t, caller, tenantId, {
      code: 'SUBSCRIPTION_NOT_FOUND',
      facts: { subscriptionId },
    });
  if (view.status === 'Deleted') {
    const decision = await domain.decisions.current(subscriptionId);
    return adminRefusalCard(domain, t, caller, tenantId, {
      code: 'SUBSCRIPTION_NOT_ACTIVE',
      facts: { productName: view.productName, status: view.status, byName: decision?.byName },
    });
  }
  const central = overview.value.items.filter((v) => v.channel === 'Central');
  return takeoverForm(t, view, tenantId, central, fromNotification);
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
  if (!listed.ok) return adminRefusalCard(domain, t, caller, tenantId, listed.refusal);
  const freeTrial = (id: string): boolean =>
    findProductById(id)?.trialWithoutPaymentMethod ?? false;
  return policyCard(
    t,
    tenantId,
    listed.value.tenantName,
    listed.value.policies,
    freeTrial,
    note,
    !listed.value.canUseSettingsCard,
  );
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
    : adminRefusalCard(domain, t, caller, tenantId, trail.refusal);
}

/** Pending license requests, one card each. */
export async function requestsScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  tenantId: string,
): Promise<Attachment[]> {
  const pending = await domain.licenseRequests.list(caller, tenantId, 'pending');
  if (!pending.ok) return [await adminRefusalCard(domain, t, caller, tenantId, pending.refusal)];
  const tenant = await domain.directory.getTenant(tenantId);
  const central = await domain.licenseRequests.centralSubscriptions(caller, tenantId);
  const now = domain.clock.now();
  const views = central.ok
    ? await Promise.all(central.value.map((s) => viewSubscription(s, domain.directory, now)))
    : [];
  return requestsCard(t, tenantId, tenant?.name ?? tenantId, pending.value, views);
}
