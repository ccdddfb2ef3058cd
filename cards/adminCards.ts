// Cards of the admin side (§4): purchase notifications with their four actions, the purchases overview, one
// purchase with take-over, the take-over form, the policy card, the audit trail and license requests.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { LicenseRequest } from '../services/admin/licenseRequests.js';
import type { PurchaseDecision } from '../services/admin/purchaseDecisions.js';
import type {
  AdminSubscriptionView,
  PurchaseFilter,
  PurchasesOverview,
} from '../services/admin/purchasesOverview.js';
import type { NotificationEvent } from '../services/notifications/events.js';
import type { PolicyAuditEntry, ProductPolicyView } from '../services/policies/policyService.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import { formCard, messageCard, type Fact } from './cardKit.js';
import { action, attachment, expand, newActionId, plain, type CardJson } from './render.js';
import { subscriptionFacts } from './subscriptionCards.js';
import subscriptionsTemplate from './templates/subscriptions.json' with { type: 'json' };

/** Purchases shown per page of the overview. */
export const PAGE_SIZE = 10;

/** "Acting on Contoso" under every admin answer, so a partner always sees which tenant it was (S-18). */
function tenantNote(t: Localizer, tenantName: string): string {
  return t.t('admin.tenant', { tenant: plain(tenantName) });
}

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

/** Take over: move the users to a central subscription with room for them, or cancel with a reason (§4.5). */
export function takeoverForm(
  t: Localizer,
  v: AdminSubscriptionView,
  tenantId: string,
  central: readonly AdminSubscriptionView[],
  fromNotification?: true,
): Attachment {
  const id = { tenantId, subscriptionId: v.id, ...(fromNotification ? { fromNotification } : {}) };
  const targets = central.filter((c) => c.status === 'Active');
  return formCard({
    title: t.t('takeover.title', {
      product: v.productName,
      purchaser: plain(v.purchaser?.displayName ?? ''),
    }),
    text: t.t('takeover.text', { count: v.assignedUsers.length }),
    facts: subscriptionFacts(t, v).slice(0, 4),
    choiceSets: targets.length
      ? [
          {
            id: 'target',
            label: t.t('takeover.target'),
            choices: targets.map((c) => ({
              title: t.t('takeover.targetChoice', { product: c.productName, free: c.freeLicenses }),
              value: c.id,
            })),
            value: targets.find((c) => c.productId === v.productId)?.id ?? targets[0]?.id,
            errorMessage: t.t('takeover.targetError'),
          },
        ]
      : [],
    texts: [
      {
        id: 'reason',
        label: t.t('takeover.reason'),
        placeholder: t.t('takeover.reasonPlaceholder'),
        maxLength: 300,
        errorMessage: t.t('takeover.reasonError'),
      },
    ],
    note: t.t('takeover.note'),
    actions: [
      ...(targets.length
        ? [
            action(
              t.t('action.moveUsers'),
              'takeover.move',
              { ...id, actionId: newActionId() },
              { style: 'positive' },
            ),
          ]
        : []),
      action(
        t.t('action.cancelWithReason'),
        'takeover.cancel',
        { ...id, actionId: newActionId() },
        { style: 'destructive' },
      ),
    ],
  });
}

/** Every product with Allow / Trials only / Do not allow (the admin center's settings page, §4.2). */
export function policyCard(
  t: Localizer,
  tenantId: string,
  tenantName: string,
  policies: readonly ProductPolicyView[],
  freeTrial: (productId: string) => boolean,
  note?: string,
): Attachment {
  return formCard({
    title: t.t('policy.title'),
    text: note ?? t.t('policy.text'),
    choiceSets: policies.map((p) => ({
      id: `p_${p.productId}`,
      label: p.productName,
      choices: [
        { title: t.t('policy.Enabled'), value: 'Enabled' },
        ...(freeTrial(p.productId)
          ? [
              {
                title: t.t('policy.OnlyTrialsWithoutPaymentMethod'),
                value: 'OnlyTrialsWithoutPaymentMethod',
              },
            ]
          : []),
        { title: t.t('policy.Disabled'), value: 'Disabled' },
      ],
      value: p.policyValue,
      required: true,
      errorMessage: t.t('policy.choose'),
    })),
    note: `${t.t('policy.footnote')}\n\n${tenantNote(t, tenantName)}`,
    actions: [
      action(
        t.t('action.savePolicies'),
        'policy.save',
        {
          actionId: newActionId(),
          tenantId,
          shown: Object.fromEntries(policies.map((p) => [p.productId, p.policyValue])),
        },
        { style: 'positive' },
      ),
      action(t.t('action.audit'), 'audit.show', { tenantId }, { associatedInputs: 'none' }),
    ],
  });
}

/** The most recent policy changes: who, when, old and new value, and how. */
export function auditCard(
  t: Localizer,
  tenantId: string,
  tenantName: string,
  entries: readonly PolicyAuditEntry[],
): Attachment {
  return messageCard({
    title: t.t('audit.title'),
    text: entries.length ? undefined : t.t('audit.empty'),
    bullets: entries.map((e) =>
      t.t('audit.line', {
        at: t.dateTime(e.at),
        by: plain(e.byDisplayName),
        product: plain(e.targetName),
        old: t.t(`policy.${e.oldValue}` as MessageKey),
        new: t.t(`policy.${e.newValue}` as MessageKey),
        via: t.t(`via.${e.via}` as MessageKey),
      }),
    ),
    note: tenantNote(t, tenantName),
    actions: [action(t.t('action.policies'), 'policy.card', { tenantId })],
  });
}

/** Pending license requests, each with approve (choosing users and a central subscription) or deny. */
export function requestsCard(
  t: Localizer,
  tenantId: string,
  tenantName: string,
  requests: readonly LicenseRequest[],
  central: readonly SubscriptionView[],
): Attachment[] {
  if (requests.length === 0) {
    return [
      messageCard({
        title: t.t('requests.title'),
        text: t.t('requests.empty'),
        note: tenantNote(t, tenantName),
      }),
    ];
  }
  return requests.map((r) => {
    const targets = central.filter((c) => c.status === 'Active');
    const base = { tenantId, requestId: r.id };
    return formCard({
      title: t.t('requests.one', { product: r.productName, requester: plain(r.requesterName) }),
      facts: [
        { title: t.t('card.date'), value: t.date(r.createdAt) },
        { title: t.t('card.status'), value: t.t(`request.status.${r.status}` as MessageKey) },
      ],
      text: r.message ? t.t('requests.message', { message: plain(r.message) }) : undefined,
      choiceSets: [
        {
          id: 'approveUsers',
          label: t.t('requests.users'),
          choices: r.forUsers.map((u) => ({ title: plain(u.displayName), value: u.userId })),
          multi: true,
          style: 'expanded',
          value: r.forUsers.map((u) => u.userId).join(','),
          errorMessage: t.t('licenses.pickSomeone'),
        },
        ...(targets.length
          ? [
              {
                id: 'centralSubscriptionId',
                label: t.t('requests.central'),
                choices: targets.map((c) => ({
                  title: t.t('takeover.targetChoice', {
                    product: c.productName,
                    free: c.freeLicenses,
                  }),
                  value: c.id,
                })),
                value: targets.find((c) => c.productId === r.productId)?.id ?? targets[0]?.id,
                errorMessage: t.t('takeover.targetError'),
              },
            ]
          : []),
      ],
      texts: [
        {
          id: 'message',
          label: t.t('requests.reply'),
          multiline: true,
          maxLength: 500,
          errorMessage: t.t('request.messageError'),
        },
      ],
      note: tenantNote(t, tenantName),
      actions: [
        ...(targets.length
          ? [
              action(
                t.t('action.approve'),
                'request.decide',
                { ...base, actionId: newActionId(), decision: 'approve' },
                { style: 'positive' },
              ),
            ]
          : []),
        action(
          t.t('action.deny'),
          'request.decide',
          { ...base, actionId: newActionId(), decision: 'deny' },
          { style: 'destructive' },
        ),
      ],
    });
  });
}

/** The outcome of a request decision. */
export function requestDecidedCard(t: Localizer, r: LicenseRequest): Attachment {
  return messageCard({
    title: t.t('requests.decided', {
      product: r.productName,
      status: t.t(`request.status.${r.status}` as MessageKey),
    }),
    text: t.t('requests.decidedText', { requester: plain(r.requesterName) }),
    color: r.status === 'Denied' ? 'Warning' : 'Good',
  });
}
