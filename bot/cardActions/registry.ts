// The handler of every verb, and the one entry point that validates a click before anything acts on it.

import type { Attachment } from 'botbuilder';
import { messageCard } from '../../cards/cardKit.js';
import { isVerb, VERB_SCHEMAS, type Verb } from '../../cards/verbs.js';
import { plain } from '../../cards/render.js';
import { knownFailureMessage } from '../knownFailures.js';
import type { ActionContext, ActionHandler, ActionHandlers } from './actionContext.js';
import * as purchase from './purchaseActions.js';
import * as subscription from './subscriptionActions.js';
import * as admin from './adminActions.js';

export const HANDLERS: ActionHandlers = {
  'help.show': purchase.showHelp,
  'products.list': purchase.listProducts,
  'eligibility.check': purchase.checkEligibility,
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
    const field = issue?.path.join('.') || '—';
    ctx.logger.warn('cardAction.invalidData', { verb, field });
    return messageCard({
      title: ctx.t.t('action.error.title'),
      text: ctx.t.t('action.error.invalidData', {
        field: plain(field),
        problem: plain(issue?.message ?? ''),
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
