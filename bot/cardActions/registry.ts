// The handler of every verb, and the one entry point that validates a click before anything acts on it.

import type { Attachment } from 'botbuilder';
import { messageCard } from '../../cards/cardKit.js';
import { isVerb, VERB_SCHEMAS, type Verb } from '../../cards/verbs.js';
import { plain } from '../../cards/render.js';
import type { Localizer, MessageKey } from '../../locales/localizer.js';
import { knownFailureMessage } from '../knownFailures.js';
import type { ActionContext, ActionHandler, ActionHandlers } from './actionContext.js';
import * as purchase from './purchaseActions.js';
import * as subscription from './subscriptionActions.js';
import * as admin from './adminActions.js';
import type { z } from 'zod';

export const HANDLERS: ActionHandlers = {
  'help.show': purchase.showHelp,
  'products.list': purchase.listProducts,
  'eligibility.check': purchase.checkEligibility,
  'product.choose': purchase.chooseProduct,
  'purchase.start': purchase.startPurchase,
  'purchase.confirm': purchase.confirmPurchase,
  'purchase.abandon': purchase.abandonPurchase,
  'trial.form': purchase.trialForm,
  'trial.start': purchase.startTrial,
  'request.form': purchase.requestFormAction,
  'request.submit': purchase.submitRequest,
  'purchases.list': subscription.listPurchases,
  'subscription.show': subscription.showSubscription,
  'licenses.assignForm': subscription.assignForm,
  'licenses.assign': subscription.assignLicenses,
  'licenses.unassign': subscription.unassignLicenses,
  'quantity.form': subscription.quantityForm,
  'quantity.change': subscription.changeQuantity,
  'cancel.preview': subscription.cancelPreview,
  'cancel.confirm': subscription.confirmCancel,
  'invoices.list': subscription.listInvoices,
  'invoice.pay': subscription.payInvoice,
  'invoice.payForm': subscription.payInvoiceForm,
  'card.form': subscription.cardForm,
  'card.update': subscription.updateCard,
  'note.decide': admin.decideOnPurchase,
  'takeover.form': admin.takeoverForm,
  'takeover.move': admin.moveUsers,
  'takeover.cancel': admin.cancelWithReason,
  'admin.reactivate': admin.reactivate,
  'admin.purchases': admin.listAll,
  'admin.purchase': admin.showPurchase,
  'admin.export': admin.exportPurchases,
  'policy.card': admin.showPolicies,
  'policy.save': admin.savePolicies,
  'audit.show': admin.showAudit,
  'requests.list': admin.listRequests,
  'request.decide': admin.decideRequest,
};

/**
 * Runs the handler of a click. An unknown verb or data that does not fit its schema gets a card naming the problem;
 * a store outage gets a card saying nothing was changed. Card numbers in the data are never echoed.
 */
export async function runCardAction(
  ctx: ActionContext,
  verb: unknown,
  data: unknown,
): Promise<Attachment> {
  if (!isVerb(verb)) {
    ctx.logger.warn('cardAction.unknownVerb', {
      verb: typeof verb === 'string' ? verb.slice(0, 60) : typeof verb,
    });
    return messageCard({
      title: ctx.t.t('action.error.title'),
      text: ctx.t.t('action.error.unknownVerb', {
        verb: plain(typeof verb === 'string' ? verb.slice(0, 60) : ''),
      }),
      color: 'Attention',
    });
  }
  const parsed = VERB_SCHEMAS[verb].safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '—';
    ctx.logger.warn('cardAction.invalidData', { verb, field, problem: issue?.message });
    return messageCard({
      title: ctx.t.t('action.error.title'),
      text: ctx.t.t('action.error.invalidData', {
        field: fieldLabel(ctx.t, verb, issue?.path[0]),
        problem: issue ? problemOf(ctx.t, issue, data) : ctx.t.t('action.error.problem.unreadable'),
      }),
      color: 'Attention',
    });
  }
  try {
    const handler = HANDLERS[verb] as ActionHandler<Verb>;
    return await handler(ctx, parsed.data);
  } catch (error) {
    // The store or the directory did not answer: say so on the card; nothing was done twice.
    const known = knownFailureMessage(ctx.t, error);
    if (known) {
      ctx.logger.error('cardAction.unavailable', { verb, error });
      return messageCard({ title: known, color: 'Attention' });
    }
    throw error;
  }
}

/** The label a person sees for a card field (the input's label, or what a hidden field stands for). */
const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  actionId: 'action.error.field.button',
  productId: 'card.product',
  quantity: 'action.error.field.quantity',
  subscriptionId: 'action.error.field.subscription',
  invoiceId: 'action.error.field.invoice',
  tenantId: 'action.error.field.organization',
  requestId: 'action.error.field.request',
  cardChoice: 'checkout.cardChoice',
  cardNumber: 'checkout.cardNumber',
  cardExpiry: 'checkout.cardExpiry',
  cardCvc: 'checkout.cardCvc',
  cardHolder: 'checkout.cardHolder',
  colleagues: 'licenses.colleagues',
  others: 'licenses.others',
  assigned: 'licenses.assignedLabel',
  target: 'takeover.target',
  reason: 'takeover.reason',
};

/** Where one verb's form labels a field differently from the others. */
const VERB_FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  'quantity.change:quantity': 'quantity.label',
  'request.submit:others': 'request.others',
  'request.submit:message': 'request.message',
  'request.submit:forSelf': 'request.forSelf',
  'request.decide:message': 'requests.reply',
  'request.decide:approveUsers': 'requests.users',
  'request.decide:centralSubscriptionId': 'requests.central',
};

function fieldLabel(t: Localizer, verb: Verb, field: PropertyKey | undefined): string {
  const name = String(field ?? '');
  const key =
    VERB_FIELD_LABELS[`${verb}:${name}`] ?? FIELD_LABELS[name] ?? 'action.error.field.choice';
  return plain(t.t(key));
}

/** What is wrong with the field, in the person's language (zod's own words stay in the log). */
function problemOf(t: Localizer, issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.path[0] === 'actionId') return t.t('action.error.problem.notMine');
  const given = issue.path.reduce<unknown>(
    (at, key) =>
      at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined,
    data,
  );
  switch (issue.code) {
    case 'invalid_type':
      if (given === undefined || given === null) return t.t('action.error.problem.missing');
      if (issue.expected === 'int') return t.t('action.error.problem.wholeNumber');
      if (issue.expected === 'number') return t.t('action.error.problem.notANumber');
      return t.t('action.error.problem.unreadable');
    case 'too_small':
      if (issue.origin === 'string') return t.t('action.error.problem.missing');
      return t.t('action.error.problem.atLeast', { min: t.number(Number(issue.minimum)) });
    case 'too_big':
      if (issue.origin === 'string')
        return t.t('action.error.problem.tooLong', { max: t.number(Number(issue.maximum)) });
      return t.t('action.error.problem.atMost', { max: t.number(Number(issue.maximum)) });
    case 'invalid_value':
    case 'invalid_union':
      return t.t('action.error.problem.notAChoice');
    case 'invalid_format':
      return t.t('action.error.problem.format');
    default:
      return t.t('action.error.problem.unreadable');
  }
}
