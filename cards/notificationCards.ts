// The proactive messages: what happened to a purchase, for its buyer, an admin or a requester (S-9, S-23, §4.3).

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey, Params } from '../locales/localizer.js';
import type { NotificationEvent } from '../services/notifications/events.js';
import { purchaseNotificationCard, trialNotificationCard } from './adminNotificationCards.js';
import { messageCard } from './cardKit.js';
import { action, plain, type CardJson } from './render.js';

/** Facts of an event as message parameters: money and dates formatted, people's text escaped. */
export function eventParams(t: Localizer, e: NotificationEvent): Params {
  const f = e.facts;
  const num = (k: string): number => (typeof f[k] === 'number' ? f[k] : 0);
  const text = (k: string): string => (typeof f[k] === 'string' ? plain(f[k]) : '');
  const list = (k: string): string =>
    Array.isArray(f[k]) ? t.list((f[k] as string[]).map(plain)) : '';
  return {
    product: text('productName'),
    purchaser: text('purchaserName'),
    requester: text('requesterName'),
    by: text('byName'),
    quantity: num('quantity'),
    delta: Math.abs(num('delta')),
    amount: t.money(Math.abs(num('amountCents'))),
    refund: t.money(num('refundCents')),
    order: text('orderId'),
    date: t.date(text('expirationDate') || text('activeUntil') || text('effectiveAt')),
    at: t.dateTime(text('at')),
    users: list('users'),
    approved: list('approved'),
    denied: list('denied'),
    target: text('targetName'),
    reason: declineReason(t, f.declineCode),
    invoice: text('invoiceId'),
    // The number the sentence's noun follows (`key.one` / `key.other`); license changes count their delta.
    count: num('quantity'),
  };
}

/**
 * Why a card was declined, in words. The provider's code is a lookup key, never text shown (it is not escaped for
 * Markdown: "expired_card" must stay as it is to be found); a code without a sentence reads as a plain decline.
 */
export function declineReason(t: Localizer, code: unknown): string {
  const key = `decline.${typeof code === 'string' && code ? code : 'card_declined'}` as MessageKey;
  const said = t.t(key);
  return said === key ? t.t('decline.card_declined') : said;
}

/** The title and sentence of an event, chosen by its kind and facts. */
function wording(t: Localizer, e: NotificationEvent): { title: string; text: string } {
  const p = eventParams(t, e);
  const f = e.facts;
  switch (e.kind) {
    case 'BuyerLicensesChanged': {
      const added = typeof f.delta === 'number' && f.delta > 0;
      const key = added
        ? 'notify.licensesAdded'
        : f.effective === 'renewal'
          ? 'notify.licensesRemovedLater'
          : 'notify.licensesRemoved';
      return {
        title: t.t('notify.licensesChanged.title', p),
        text: t.t(key, { ...p, count: p.delta }),
      };
    }
    case 'BuyerCancelled':
      return {
        title: t.t('notify.cancelled.title', p),
        text: t.t(f.status === 'Disabled' ? 'notify.cancelledNow' : 'notify.cancelledLater', p),
      };
    case 'BuyerTakenOver':
      return {
        title: t.t('notify.takenOver.title', p),
        text: t.t(
          f.action === 'moveUsers' ? 'notify.takenOverMoved' : 'notify.takenOverCancelled',
          p,
        ),
      };
    case 'BuyerPaymentFailed':
      return {
        title: t.t('notify.BuyerPaymentFailed.title', p),
        text: t.t(
          f.conversion === true ? 'notify.BuyerConversionFailed' : 'notify.BuyerPaymentFailed',
          p,
        ),
      };
    case 'LicenseRequestDecided':
      return {
        title: t.t('notify.requestDecided.title', p),
        text: t.t(`notify.request.${String(f.status)}` as MessageKey, {
          ...p,
          count: Array.isArray(f.approved) ? f.approved.length : 0,
        }),
      };
    default:
      return {
        title: t.t(`notify.${e.kind}.title` as MessageKey, p),
        text: t.t(`notify.${e.kind}` as MessageKey, p),
      };
  }
}

/** Buttons that follow from the event (see the subscription, pay the invoice, decide the request). */
function followUps(t: Localizer, e: NotificationEvent): CardJson[] {
  if (e.kind === 'BuyerPaymentFailed') {
    const invoiceId = typeof e.facts.invoiceId === 'string' ? e.facts.invoiceId : undefined;
    return [
      ...(invoiceId
        ? [
            action(
              t.t('action.changeCardAndPay'),
              'invoice.payForm',
              { invoiceId },
              { style: 'positive' },
            ),
          ]
        : []),
      action(t.t('action.invoices'), 'invoices.list'),
    ];
  }
  if (e.kind === 'BuyerTrialEnded' && typeof e.facts.productId === 'string') {
    return [action(t.t('action.buy'), 'purchase.start', { productId: e.facts.productId })];
  }
  if (e.kind === 'BuyerDeleted') return [action(t.t('action.myPurchases'), 'purchases.list')];
  if (e.kind === 'AdminLicenseRequested')
    return [action(t.t('action.requests'), 'requests.list', { tenantId: e.tenantId })];
  if (e.kind.startsWith('Buyer') && e.kind !== 'BuyerTakenOver') {
    return [action(t.t('action.manage'), 'subscription.show', { subscriptionId: e.subjectId })];
  }
  return [];
}

/**
 * The card for one event. Admin purchase notifications get their own card with actions (see the admin
 * cards); every other event is a message with at most a follow-up button.
 */
export function notificationCard(t: Localizer, e: NotificationEvent): Attachment {
  if (e.kind === 'AdminPurchaseCreated') return purchaseNotificationCard(t, e);
  if (e.kind === 'AdminFirstTrialStarted') return trialNotificationCard(t, e);
  const { title, text } = wording(t, e);
  const message = typeof e.facts.message === 'string' ? e.facts.message : undefined;
  return messageCard({ title, text, quote: message, actions: followUps(t, e) });
}
