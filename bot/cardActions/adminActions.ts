// Card actions of the admin side: notification decisions, take-over, reactivation, purchases, policies, requests.

import type { Attachment } from 'botbuilder';
import { decisionCard } from '../../cards/adminNotificationCards.js';
import { requestDecidedCard } from '../../cards/licenseRequestCards.js';
import { messageCard } from '../../cards/cardKit.js';
import { declineReason } from '../../cards/notificationCards.js';
import { plain } from '../../cards/render.js';
import {
  adminPurchaseScreen,
  adminPurchasesScreen,
  adminRefusalCard,
  auditScreen,
  policyScreen,
  requestsScreen,
  takeoverScreen,
} from '../../dialogs/screens/adminScreens.js';
import type { TakeOverSource } from '../../services/admin/purchaseDecisions.js';
import type { PurchaseFilter } from '../../services/admin/purchasesOverview.js';
import type { TakeoverAction } from '../../services/admin/takeoverService.js';
import { findProductById } from '../../services/catalog/catalog.js';
import { POLICY_PRODUCTS, type Product } from '../../services/catalog/products.js';
import {
  POLICY_ID,
  POLICY_VALUES,
  type PolicyValue,
} from '../../services/policies/policyService.js';
import type { Refusal } from '../../services/result.js';
import type { ActionContext, ActionHandler } from './actionContext.js';
import { outcomeNote } from './outcomeNote.js';

/** A refusal of an admin card action: like every admin answer it names the tenant acted on (S-18). */
function refuseAdmin(ctx: ActionContext, tenantId: string, refusal: Refusal): Promise<Attachment> {
  return adminRefusalCard(ctx.domain, ctx.t, ctx.caller, tenantId, refusal);
}

/** The notification's keep / turn off / cancel: the first admin's decision stands, later ones are told it. */
export const decideOnPurchase: ActionHandler<'note.decide'> = async (ctx, data) => {
  const result = await ctx.domain.decisions.decide(
    ctx.caller,
    data.tenantId,
    data.subscriptionId,
    data.decision,
    data.actionId,
  );
  if (!result.ok) return refuseAdmin(ctx, data.tenantId, result.refusal);
  return decisionCard(ctx.t, result.value.decision, result.value.alreadyDecided);
};

/**
 * The take-over form. The caller's right to take over is checked before anything is shown; a decision already made
 * on the purchase notification is shown instead of the form, unless it is the caller's own take-over.
 */
export const takeoverForm: ActionHandler<'takeover.form'> = async (ctx, data) => {
  const decided = await ctx.domain.decisions.forTakeOverForm(
    ctx.caller,
    data.tenantId,
    data.subscriptionId,
    sourceOf(data),
  );
  if (!decided.ok) return refuseAdmin(ctx, data.tenantId, decided.refusal);
  const decision = decided.value;
  const mine = decision?.byUserId === ctx.caller.userId;
  if (decision && !(mine && decision.kind === 'takeOver'))
    return decisionCard(ctx.t, decision, !mine);
  return takeoverScreen(
    ctx.domain,
    ctx.t,
    ctx.caller,
    data.tenantId,
    data.subscriptionId,
    data.fromNotification,
  );
};

/** A take-over from the notification is its decision; one from the purchases overview is a later one (§4.6). */
const sourceOf = (data: { fromNotification?: true }): TakeOverSource =>
  data.fromNotification ? 'notification' : 'overview';

/** Carries out the form's take-over as the purchase's decision, and answers with what happened. */
async function takeOverFromForm(
  ctx: ActionContext,
  data: { tenantId: string; subscriptionId: string; actionId: string; fromNotification?: true },
  action: TakeoverAction,
): Promise<Attachment> {
  const { tenantId, subscriptionId } = data;
  const result = await ctx.domain.decisions.takeOver(
    ctx.caller,
    tenantId,
    subscriptionId,
    action,
    data.actionId,
    sourceOf(data),
  );
  if (!result.ok) return refuseAdmin(ctx, tenantId, result.refusal);
  if (result.value.kind === 'decided') {
    const { decision, alreadyDecided } = result.value.outcome;
    return decisionCard(ctx.t, decision, alreadyDecided);
  }
  const change = result.value.change;
  const f = change.facts;
  const note = ctx.t.t(f.action === 'moveUsers' ? 'takeover.movedDone' : 'takeover.cancelledDone', {
    count: typeof f.movedUsers === 'number' ? f.movedUsers : 0,
    target: typeof f.targetName === 'string' ? f.targetName : '',
    refund: ctx.t.money(typeof f.refundCents === 'number' ? f.refundCents : 0),
  });
  return adminPurchaseScreen(
    ctx.domain,
    ctx.t,
    ctx.caller,
    tenantId,
    subscriptionId,
    change.alreadyDone ? outcomeNote(ctx.t, change) : note,
  );
}

export const moveUsers: ActionHandler<'takeover.move'> = async (ctx, data) =>
  takeOverFromForm(ctx, data, { kind: 'moveUsers', targetSubscriptionId: data.target });

export const cancelWithReason: ActionHandler<'takeover.cancel'> = async (ctx, data) =>
  takeOverFromForm(ctx, data, { kind: 'cancel', reason: data.reason });

export const reactivate: ActionHandler<'admin.reactivate'> = async (ctx, data) => {
  const result = await ctx.domain.takeovers.reactivate(
    ctx.caller,
    data.tenantId,
    data.subscriptionId,
    data.actionId,
  );
  let note: string;
  if (result.ok) {
    note = result.value.alreadyDone
      ? outcomeNote(ctx.t, result.value)
      : ctx.t.t('admin.reactivated', { amount: ctx.t.money(result.value.amountCents ?? 0) });
  } else if (result.refusal.code === 'PAYMENT_DECLINED') {
    // The admin cannot type the buyer's card: say whose card failed and what the buyer does about it.
    const sub = await ctx.domain.subscriptions.get(data.subscriptionId);
    note = ctx.t.t(
      sub?.status === 'Expired' ? 'admin.reactivateDeclinedExpired' : 'admin.reactivateDeclined',
      { reason: declineReason(ctx.t, result.refusal.facts.declineCode) },
    );
  } else {
    return refuseAdmin(ctx, data.tenantId, result.refusal);
  }
  return adminPurchaseScreen(
    ctx.domain,
    ctx.t,
    ctx.caller,
    data.tenantId,
    data.subscriptionId,
    note,
  );
};

function filterOf(data: {
  productId?: string;
  purchaser?: string;
  status?: string;
  channel?: string;
  kind?: string;
  purchaserLeft?: boolean;
}): PurchaseFilter {
  const statuses = ['Active', 'Expired', 'Disabled', 'Deleted'] as const;
  const channels = ['SelfService', 'Central', 'All'] as const;
  const kinds = ['purchases', 'trials', 'all'] as const;
  return {
    productId: data.productId,
    purchaser: data.purchaser,
    status: statuses.find((s) => s === data.status),
    channel: channels.find((c) => c === data.channel),
    kind: kinds.find((k) => k === data.kind),
    purchaserLeft: data.purchaserLeft,
  };
}

/** Purchase lists name people and prices: shown only in the personal chat. */
function personalOnly(ctx: ActionContext): Attachment | undefined {
  return ctx.personal ? undefined : messageCard({ title: ctx.t.t('dialog.openPrivateChat') });
}

export const listAll: ActionHandler<'admin.purchases'> = async (ctx, data) =>
  personalOnly(ctx) ??
  adminPurchasesScreen(ctx.domain, ctx.t, ctx.caller, data.tenantId, filterOf(data), data.page);

export const showPurchase: ActionHandler<'admin.purchase'> = async (ctx, data) =>
  personalOnly(ctx) ??
  adminPurchaseScreen(ctx.domain, ctx.t, ctx.caller, data.tenantId, data.subscriptionId);

export const exportPurchases: ActionHandler<'admin.export'> = async (ctx, data) => {
  const blocked = personalOnly(ctx);
  if (blocked) return blocked;
  // Refused here, so the refusal names the tenant like every admin answer (S-18).
  const allowed = await ctx.domain.overview.list(ctx.caller, data.tenantId, filterOf(data));
  if (!allowed.ok) return refuseAdmin(ctx, data.tenantId, allowed.refusal);
  await ctx.turn.sendActivity(
    await ctx.exporter.offer(ctx.turn, ctx.caller, data.tenantId, filterOf(data)),
  );
  return messageCard({ title: ctx.t.t('export.offered') });
};

export const showPolicies: ActionHandler<'policy.card'> = (ctx, data) =>
  policyScreen(ctx.domain, ctx.t, ctx.caller, data.tenantId);

/**
 * Saves the policy card: only the products whose choice differs from what the card showed, each through the same
 * checks as the cmdlet. Each write expects the value the card showed and happens only if it is still the stored one
 * (in the same compare-and-set), so a product someone else changed since the card was shown is never overwritten:
 * it is skipped and the answer says who changed it. A card that does not say what it showed saves nothing.
 */
export const savePolicies: ActionHandler<'policy.save'> = async (ctx, data) => {
  const { tenantId, shown } = data;
  if (!shown)
    return policyScreen(ctx.domain, ctx.t, ctx.caller, tenantId, ctx.t.t('policy.staleCard'));
  const refuse = (refusal: Refusal): Promise<Attachment> => refuseAdmin(ctx, tenantId, refusal);
  const wanted: { product: Product; value: PolicyValue; before: PolicyValue }[] = [];
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith('p_') || typeof raw !== 'string') continue;
    const product = findProductById(key.slice(2));
    const value = POLICY_VALUES.find((v) => v === raw);
    if (!product || !POLICY_PRODUCTS.includes(product) || !value) {
      return refuse({ code: 'POLICY_NOT_FOUND', facts: { productId: plain(key.slice(2, 40)) } });
    }
    const before = shown[product.productId];
    if (before !== undefined && before !== value) wanted.push({ product, value, before });
  }
  const lines: string[] = [];
  for (const { product, value, before } of wanted) {
    const result = await ctx.domain.policies.updateProductPolicy(
      ctx.caller,
      tenantId,
      product.productId,
      value,
      'policyCard',
      POLICY_ID,
      before,
    );
    if (!result.ok) {
      return refuse({
        code: result.refusal.code,
        facts: { ...result.refusal.facts, productName: product.name },
      });
    }
    if (result.value.conflict) {
      lines.push(await conflictLine(ctx, tenantId, product, result.value.conflict, value));
    } else if (result.value.changed) {
      lines.push(
        ctx.t.t('policy.changed', { product: product.name, value: ctx.t.t(`policy.${value}`) }),
      );
    }
    // Neither: someone else already made the same change.
  }
  const note = lines.length ? lines.join('\n\n') : ctx.t.t('policy.nothingChanged');
  return policyScreen(ctx.domain, ctx.t, ctx.caller, tenantId, note);
};

/** "Project Plan 1: not saved, because Dave Davis changed it to Do not allow after this card was shown." */
async function conflictLine(
  ctx: ActionContext,
  tenantId: string,
  product: Product,
  current: PolicyValue,
  wanted: PolicyValue,
): Promise<string> {
  const trail = await ctx.domain.policies.auditTrail(ctx.caller, tenantId, 50);
  const last = trail.ok
    ? trail.value.entries.find((e) => e.target === product.productId)
    : undefined;
  return ctx.t.t('policy.conflict', {
    product: product.name,
    by: last ? plain(last.byDisplayName) : ctx.t.t('policy.someoneElse'),
    value: ctx.t.t(`policy.${current}`),
    wanted: ctx.t.t(`policy.${wanted}`),
  });
}

export const showAudit: ActionHandler<'audit.show'> = (ctx, data) =>
  auditScreen(ctx.domain, ctx.t, ctx.caller, data.tenantId);

export const listRequests: ActionHandler<'requests.list'> = async (ctx, data) => {
  const blocked = personalOnly(ctx);
  if (blocked) return blocked;
  const cards = await requestsScreen(ctx.domain, ctx.t, ctx.caller, data.tenantId);
  for (const card of cards.slice(1)) await ctx.turn.sendActivity({ attachments: [card] });
  return cards[0] ?? messageCard({ title: ctx.t.t('requests.empty') });
};

export const decideRequest: ActionHandler<'request.decide'> = async (ctx, data) => {
  const approve =
    data.decision === 'approve'
      ? (data.approveUsers ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  if (data.decision === 'approve' && approve.length === 0) {
    return messageCard({ title: ctx.t.t('licenses.pickSomeone'), color: 'Attention' });
  }
  const result = await ctx.domain.licenseRequests.decide(
    ctx.caller,
    data.tenantId,
    data.requestId,
    {
      approveUserIds: approve,
      centralSubscriptionId: data.centralSubscriptionId,
      message: data.message,
    },
    data.actionId,
  );
  if (!result.ok) return refuseAdmin(ctx, data.tenantId, result.refusal);
  return requestDecidedCard(ctx.t, result.value);
};
