// Screens of the buyer's limited admin view: purchases, one subscription and its forms, invoices.

import type { Attachment } from 'botbuilder';
import { invoicesCard, payInvoiceForm, paymentMethodForm } from '../../cards/billingCards.js';
import { subscriptionCard, subscriptionsCard } from '../../cards/subscriptionCards.js';
import { assignForm, cancelPreviewCard, quantityForm } from '../../cards/subscriptionForms.js';
import type { Localizer } from '../../locales/localizer.js';
import { resolveActor, type Caller } from '../../services/access/actor.js';
import type { Domain } from '../../services/domain.js';
import { payableInvoice } from '../../services/subscriptions/buyerService.js';
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
  if (!view.ok) return refusalCard(t, view.refusal);
  // An Expired subscription of the caller's own offers to pay the failed renewal's invoice (S-24).
  const ending = view.value.status === 'Expired' || view.value.status === 'Disabled';
  const own = ending ? await domain.buyers.access(caller, subscriptionId, 'billing') : undefined;
  const unpaid = own?.ok ? payableInvoice(own.value.sub) : undefined;
  return subscriptionCard(t, view.value, note, { unpaid, ownCard: own?.ok === true });
}

/** "Change card and pay": an unpaid invoice, to pay with a saved card or a new one; `error` says why it did not. */
export async function payInvoiceScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  invoiceId: string,
  error?: string,
): Promise<Attachment> {
  const found = await domain.buyers.invoiceToPay(caller, invoiceId);
  if (!found.ok) return refusalCard(t, found.refusal);
  const actor = await resolveActor(domain.directory, caller);
  const card = found.value.sub.paymentMethod;
  return payInvoiceForm(t, {
    invoice: found.value.invoice,
    currentCard: card && {
      cardId: card.cardId,
      brand: card.brand,
      last4: card.last4,
      expiry: `${String(card.expiryMonth).padStart(2, '0')}/${card.expiryYear}`,
    },
    saved: await domain.paymentMethods.list(caller),
    holder: actor.ok ? actor.value.user.displayName : '',
    error,
  });
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
