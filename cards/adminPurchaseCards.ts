// The admin's view of purchases (§4.1): the paged overview of the tenant and one purchase in detail.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type {
  AdminSubscriptionView,
  PurchaseFilter,
  PurchasesOverview,
} from '../services/admin/purchasesOverview.js';
import { messageCard, type Fact } from './cardKit.js';
import { action, attachment, expand, newActionId, plain, type CardJson } from './render.js';
import { subscriptionFacts } from './subscriptionCards.js';
import { tenantNote } from './tenantNote.js';
import subscriptionsTemplate from './templates/subscriptions.json' with { type: 'json' };

/** Purchases shown per page of the overview. */
export const PAGE_SIZE = 10;

/** A page of the tenant's purchases and trials with the per-product summary, filters kept across pages. */
export function overviewCard(
  t: Localizer,
  o: PurchasesOverview,
  filter: PurchaseFilter,
  page: number,
): Attachment {
  const pages = Math.max(1, Math.ceil(o.items.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = o.items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const keep = { tenantId: o.tenantId, ...filter };
  const summary = o.summary.map((s) =>
    t.t('admin.summaryLine', {
      product: s.productName,
      bought: s.licensesBought,
      assigned: s.licensesAssigned,
      spend: t.money(s.monthlySpendCents),
    }),
  );
  return attachment(
    expand(subscriptionsTemplate, {
      title: t.t('admin.purchasesTitle', { tenant: plain(o.tenantName), count: o.items.length }),
      empty: t.t('admin.noPurchases'),
      items: shown.map((v) => ({
        heading: `${v.productName} · ${v.purchaser ? plain(v.purchaser.displayName) : t.t('admin.central')}${v.purchaser?.left ? ` (${t.t('admin.left')})` : ''}`,
        facts: subscriptionFacts(t, v),
        actions: [
          action(t.t('action.details'), 'admin.purchase', {
            tenantId: o.tenantId,
            subscriptionId: v.id,
          }),
        ],
      })),
      note: [
        ...(summary.length ? [t.t('admin.summary'), ...summary] : []),
        t.t('admin.page', { page: current + 1, pages }),
        tenantNote(t, o.tenantName),
      ].join('\n\n'),
      actions: [
        ...(current > 0
          ? [action(t.t('action.previousPage'), 'admin.purchases', { ...keep, page: current - 1 })]
          : []),
        ...(current < pages - 1
          ? [action(t.t('action.nextPage'), 'admin.purchases', { ...keep, page: current + 1 })]
          : []),
        action(t.t('action.exportCsv'), 'admin.export', { ...keep, page: undefined }),
      ],
    }),
  );
}

/** One purchase for an admin: every §4.1 field, and take-over or reactivation where allowed. */
export function adminSubscriptionCard(
  t: Localizer,
  v: AdminSubscriptionView,
  tenantId: string,
  tenantName: string,
  note?: string,
): Attachment {
  const id = { tenantId, subscriptionId: v.id };
  const actions: CardJson[] = [];
  if (v.channel === 'SelfService' && v.status !== 'Deleted' && !v.takeoverInProgress) {
    actions.push(action(t.t('action.takeOver'), 'takeover.form', id));
  }
  if (
    v.channel === 'SelfService' &&
    (v.status === 'Expired' || v.status === 'Disabled') &&
    v.kind !== 'TrialNoPayment'
  ) {
    actions.push(
      action(t.t('action.reactivate'), 'admin.reactivate', { ...id, actionId: newActionId() }),
    );
  }
  const facts: Fact[] = [
    ...(v.purchaser
      ? [
          {
            title: t.t('admin.purchaser'),
            value: `${plain(v.purchaser.displayName)}${v.purchaser.left ? ` (${t.t('admin.left')})` : ''}`,
          },
        ]
      : []),
    ...subscriptionFacts(t, v),
    ...v.orders.map((o) => ({
      title: `${t.t('card.order')} ${o.id}`,
      value: `${t.date(o.at)} · ${t.t(`orderType.${o.type}` as MessageKey)} · ${o.quantityDelta >= 0 ? '+' : ''}${o.quantityDelta} · ${t.money(o.amountCents)}`,
    })),
  ];
  return messageCard({
    title: `${v.productName} (${v.id})`,
    text: note,
    facts,
    note: tenantNote(t, tenantName),
    actions: [
      ...actions,
      action(t.t('action.allPurchases'), 'admin.purchases', { tenantId, page: 0 }),
    ],
  });
}
