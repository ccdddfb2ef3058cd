// Admin notifications (§4.7): a new purchase with its four actions, a first trial, and the decision taken.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { PurchaseDecision } from '../services/admin/purchaseDecisions.js';
import type { NotificationEvent } from '../services/notifications/events.js';
import { messageCard } from './cardKit.js';
import { action, newActionId, plain } from './render.js';

/** The four actions of a new-purchase notification (§4.7, S-23). */
export function purchaseNotificationCard(t: Localizer, e: NotificationEvent): Attachment {
  const f = e.facts;
  const base = { tenantId: e.tenantId, subscriptionId: e.subjectId };
  const product = plain(String(f.productName ?? ''));
  return messageCard({
    title: t.t('notify.AdminPurchaseCreated.title', { product }),
    facts: [
      { title: t.t('card.product'), value: product },
      { title: t.t('admin.purchaser'), value: plain(String(f.purchaserName ?? '')) },
      { title: t.t('card.licenses'), value: String(f.quantity ?? '') },
      { title: t.t('card.price'), value: t.money(Number(f.amountCents ?? 0)) },
      { title: t.t('admin.time'), value: t.dateTime(String(f.at ?? '')) },
    ],
    note: t.t('admin.noteActions'),
    actions: [
      action(t.t('action.keepPurchase'), 'note.decide', {
        ...base,
        actionId: newActionId(),
        decision: 'keep',
      }),
      action(t.t('action.turnOff', { product }), 'note.decide', {
        ...base,
        actionId: newActionId(),
        decision: 'turnOff',
      }),
      action(t.t('action.takeOver'), 'takeover.form', { ...base, fromNotification: true }),
      action(
        t.t('action.cancelPurchase'),
        'note.decide',
        { ...base, actionId: newActionId(), decision: 'cancel' },
        { style: 'destructive' },
      ),
    ],
  });
}

/** The first trial of a product in the tenant, for Global admins (S-23). */
export function trialNotificationCard(t: Localizer, e: NotificationEvent): Attachment {
  const product = plain(String(e.facts.productName ?? ''));
  return messageCard({
    title: t.t('notify.AdminFirstTrialStarted.title', { product }),
    text: t.t('notify.AdminFirstTrialStarted', {
      purchaser: plain(String(e.facts.purchaserName ?? '')),
      product,
      at: t.dateTime(String(e.facts.at ?? '')),
    }),
    actions: [
      action(t.t('action.allPurchases'), 'admin.purchases', {
        tenantId: e.tenantId,
        page: 0,
        kind: 'trials',
      }),
      action(t.t('action.policies'), 'policy.card', { tenantId: e.tenantId }),
    ],
  });
}

/** What the notification card becomes once someone decided: what was done, by whom and when. */
export function decisionCard(
  t: Localizer,
  d: PurchaseDecision,
  alreadyDecided: boolean,
): Attachment {
  const params = { by: plain(d.byName), product: plain(d.productName), at: t.dateTime(d.at) };
  return messageCard({
    title: t.t(alreadyDecided ? 'decision.already' : 'decision.done', params),
    text: t.t(`decision.${d.kind}` as MessageKey, params),
    color: alreadyDecided ? 'Warning' : 'Good',
  });
}
