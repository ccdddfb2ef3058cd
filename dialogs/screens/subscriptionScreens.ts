// Screens of the buyer's limited admin view: purchases, one subscription and its forms, invoices.

import type { Attachment } from 'botbuilder';
import { invoicesCard, paymentMethodForm } from '../../cards/billingCards.js';
import { subscriptionCard, subscriptionsCard } from '../../cards/subscriptionCards.js';
import { assignForm, cancelPreviewCard, quantityForm } from '../../cards/subscriptionForms.js';
import type { Localizer } from '../../locales/localizer.js';
import type { Caller } from '../../services/access/actor.js';
import type { Domain } from '../../services/domain.js';
import { refusalCard } from './purchaseScreens.js';

/** "My purchases". */
export async function purchasesScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
): Promise<Attachment> {
  const mine = await domain.buyers.myPurchases(caller);
  return mine.ok ? subscriptionsCard(t, mine.value) : refusalCard(t, mine.refusal);
}

/** One subscription, optionally with a line saying what just happened. */
export async function subscriptionScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  subscriptionId: string,
  note?: string,
): Promise<Attachment> {
  const view = await domain.buyers.subscription(caller, subscriptionId);
  return view.ok ? subscriptionCard(t, view.value, note) : refusalCard(t, view.refusal);
}

/** The form to assign licenses, listing colleagues of the tenant. */
export async function assignScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  subscriptionId: string,
): Promise<Attachment> {
  const access = await domain.buyers.access(caller, subscriptionId, 'manageLicenses');
  if (!access.ok) return refusalCard(t, access.refusal);
  const view = await domain.buyers.subscription(caller, subscriptionId);
  if (!view.ok) return refusalCard(t, view.refusal);
  const colleagues = await domain.directory.searchUsers(caller.tenantId, '', 50);
  return assignForm(
    t,
    view.value,
    colleagues.filter((u) => u.accountEnabled && !u.deleted),
  );
}

/** The form to buy more or remove licenses, filled in with `total` (a typed "buy 2 more") or the current total. */
export async function quantityScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  subscriptionId: string,
  total?: number,
): Promise<Attachment> {
  const access = await domain.buyers.access(caller, subscriptionId, 'changeQuantity');
  if (!access.ok) return refusalCard(t, access.refusal);
  const view = await domain.buyers.subscription(caller, subscriptionId);
  return view.ok ? quantityForm(t, view.value, total) : refusalCard(t, view.refusal);
}

/** What cancelling would do, before confirming. */
export async function cancelScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  subscriptionId: string,
): Promise<Attachment> {
  const preview = await domain.buyers.cancellationPreview(caller, subscriptionId);
  return preview.ok ? cancelPreviewCard(t, preview.value) : refusalCard(t, preview.refusal);
}

/** Invoices of the past 3 or 6 months. */
export async function invoicesScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  months: 3 | 6,
): Promise<Attachment> {
  const invoices = await domain.buyers.invoices(caller, { months });
  return invoices.ok ? invoicesCard(t, invoices.value, months) : refusalCard(t, invoices.refusal);
}

/** The form to bill a subscription to another card. */
export async function paymentMethodScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  subscriptionId: string,
): Promise<Attachment> {
  const access = await domain.buyers.access(caller, subscriptionId, 'billing');
  if (!access.ok) return refusalCard(t, access.refusal);
  const view = await domain.buyers.subscription(caller, subscriptionId);
  if (!view.ok) return refusalCard(t, view.refusal);
  return paymentMethodForm(
    t,
    view.value,
    await domain.paymentMethods.list(caller),
    access.value.actor.user.displayName,
  );
}
