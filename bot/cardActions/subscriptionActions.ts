// Card actions of the buyer's limited admin view: purchases, one subscription, licenses, quantity, cancel, invoices.

import { messageCard } from '../../cards/cardKit.js';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { action } from '../../cards/render.js';
import { refusalCard } from '../../dialogs/screens/purchaseScreens.js';
import {
  assignScreen,
  cancelScreen,
  invoicesScreen,
  payInvoiceScreen,
  paymentMethodScreen,
  purchasesScreen,
  subscriptionScreen,
} from '../../dialogs/screens/subscriptionScreens.js';
import { wantedQuantityScreen } from '../../dialogs/subscriptionCommands.js';
import type { Result } from '../../services/result.js';
import type { ChangeOutcome } from '../../services/subscriptions/changeRunner.js';
import type { ActionContext, ActionHandler } from './actionContext.js';
import { cardForPayment, chosenCard } from './cardDetails.js';
import { outcomeNote } from './outcomeNote.js';
import { resolvePeople, splitPeople } from './people.js';
import { privately } from './purchaseActions.js';
import type { Attachment } from 'botbuilder';

/** After a change: the subscription again with what happened, or the refusal with a way back. */
async function afterChange(
  ctx: ActionContext,
  subscriptionId: string,
  result: Result<ChangeOutcome>,
): Promise<Attachment> {
  if (result.ok)
    return subscriptionScreen(
      ctx.domain,
      ctx.t,
      ctx.caller,
      subscriptionId,
      outcomeNote(ctx.t, result.value),
    );
  const card = refusalCard(ctx.t, result.refusal);
  const content = card.content as { actions?: unknown[] };
  content.actions = [action(ctx.t.t('action.back'), 'subscription.show', { subscriptionId })];
  return card;
}

/** Changes only come from cards in the personal chat; a click anywhere else is refused without acting. */
function personalOnly(ctx: ActionContext): Attachment | undefined {
  return ctx.personal ? undefined : messageCard({ title: ctx.t.t('dialog.openPrivateChat') });
}

export const listPurchases: ActionHandler<'purchases.list'> = (ctx) =>
  privately(ctx, () => purchasesScreen(ctx.domain, ctx.t, ctx.caller));

export const showSubscription: ActionHandler<'subscription.show'> = (ctx, data) =>
  privately(ctx, () => subscriptionScreen(ctx.domain, ctx.t, ctx.caller, data.subscriptionId));

export const assignForm: ActionHandler<'licenses.assignForm'> = (ctx, data) =>
  privately(ctx, () => assignScreen(ctx.domain, ctx.t, ctx.caller, data.subscriptionId));

/**
 * Assigns or unassigns licenses for the people picked on the form; with nobody picked, shows the subscription again
 * with a note asking for someone.
 */
async function changeAssignments(
  ctx: ActionContext,
  subscriptionId: string,
  picked: () => string[] | Promise<string[]>,
  change: (people: string[]) => Promise<Result<ChangeOutcome>>,
): Promise<Attachment> {
  const blocked = personalOnly(ctx);
  if (blocked) return blocked;
  const people = await picked();
  if (people.length === 0) {
    return subscriptionScreen(
      ctx.domain,
      ctx.t,
      ctx.caller,
      subscriptionId,
      ctx.t.t('licenses.pickSomeone'),
    );
  }
  return afterChange(ctx, subscriptionId, await change(people));
}

export const assignLicenses: ActionHandler<'licenses.assign'> = (ctx, data) =>
  changeAssignments(
    ctx,
    data.subscriptionId,
    () => resolvePeople(ctx.domain, ctx.caller.tenantId, splitPeople(data.colleagues, data.others)),
    (people) => ctx.domain.licenses.assign(ctx.caller, data.subscriptionId, people, data.actionId),
  );

export const unassignLicenses: ActionHandler<'licenses.unassign'> = (ctx, data) =>
  changeAssignments(
    ctx,
    data.subscriptionId,
    () => splitPeople(data.assigned),
    (people) =>
      ctx.domain.licenses.unassign(ctx.caller, data.subscriptionId, people, data.actionId),
  );

/** The quantity form; from a pick list of a typed "buy 2 more", filled in with the new total. */
export const quantityForm: ActionHandler<'quantity.form'> = (ctx, data) =>
  privately(ctx, () =>
    wantedQuantityScreen(
      ctx.domain,
      ctx.t,
      ctx.caller,
      data.subscriptionId,
      data.change ? { change: data.change, count: data.count } : undefined,
    ),
  );

export const changeQuantity: ActionHandler<'quantity.change'> = async (ctx, data) => {
  const blocked = personalOnly(ctx);
  if (blocked) return blocked;
  const result = await ctx.domain.buyers.changeQuantity(
    ctx.caller,
    data.subscriptionId,
    data.quantity,
    data.actionId,
  );
  return afterChange(ctx, data.subscriptionId, result);
};

export const cancelPreview: ActionHandler<'cancel.preview'> = (ctx, data) =>
  privately(ctx, () => cancelScreen(ctx.domain, ctx.t, ctx.caller, data.subscriptionId));

export const confirmCancel: ActionHandler<'cancel.confirm'> = async (ctx, data) => {
  const blocked = personalOnly(ctx);
  if (blocked) return blocked;
  const result = await ctx.domain.buyers.cancel(ctx.caller, data.subscriptionId, data.actionId);
  return afterChange(ctx, data.subscriptionId, result);
};

export const listInvoices: ActionHandler<'invoices.list'> = (ctx, data) =>
  privately(ctx, () => invoicesScreen(ctx.domain, ctx.t, ctx.caller, data.period === '6' ? 6 : 3));

/** "Change card and pay": the unpaid invoice with a card to choose or type. */
export const payInvoiceForm: ActionHandler<'invoice.payForm'> = (ctx, data) =>
  privately(ctx, () => payInvoiceScreen(ctx.domain, ctx.t, ctx.caller, data.invoiceId));

/**
 * Pays an unpaid invoice: with the subscription's card (the invoice's Pay button), or with the card chosen or typed
 * on the "Change card and pay" form, which then bills the subscription. The action id keeps a double click to one
 * charge; a typed card is kept only once it paid. A decline shows the form again, saying why.
 */
export const payInvoice: ActionHandler<'invoice.pay'> = async (ctx, data) => {
  const blocked = personalOnly(ctx);
  if (blocked) return blocked;
  const withCard = data.cardNumber !== undefined || data.cardChoice !== undefined;
  let cardId: string | undefined;
  let settle: ((succeeded: boolean) => Promise<unknown>) | undefined;
  if (withCard) {
    const card = await cardForPayment(ctx.domain, ctx.t, ctx.caller, data, {
      holdKey: data.actionId,
    });
    if (!card.ok)
      return payInvoiceScreen(ctx.domain, ctx.t, ctx.caller, data.invoiceId, card.message);
    cardId = card.card.cardId;
    settle = card.settle;
  }
  const result = await ctx.domain.buyers.payInvoice(
    ctx.caller,
    data.invoiceId,
    data.actionId,
    cardId,
  );
  await settle?.(result.ok);
  if (!result.ok && result.refusal.code === 'PAYMENT_DECLINED') {
    const message = refusalMessage(ctx.t, result.refusal);
    return payInvoiceScreen(ctx.domain, ctx.t, ctx.caller, data.invoiceId, message);
  }
  if (!result.ok) return refusalCard(ctx.t, result.refusal);
  return messageCard({
    title: outcomeNote(ctx.t, result.value),
    color: 'Good',
    actions: [
      action(ctx.t.t('action.invoices'), 'invoices.list'),
      action(ctx.t.t('action.myPurchases'), 'purchases.list'),
    ],
  });
};

export const cardForm: ActionHandler<'card.form'> = (ctx, data) =>
  privately(ctx, () => paymentMethodScreen(ctx.domain, ctx.t, ctx.caller, data.subscriptionId));

export const updateCard: ActionHandler<'card.update'> = async (ctx, data) => {
  const blocked = personalOnly(ctx);
  if (blocked) return blocked;
  const card = await chosenCard(ctx.domain, ctx.t, ctx.caller, data);
  if (!card.ok)
    return subscriptionScreen(ctx.domain, ctx.t, ctx.caller, data.subscriptionId, card.message);
  const result = await ctx.domain.buyers.updatePaymentMethod(
    ctx.caller,
    data.subscriptionId,
    card.card.cardId,
  );
  if (!result.ok) return refusalCard(ctx.t, result.refusal);
  return subscriptionScreen(
    ctx.domain,
    ctx.t,
    ctx.caller,
    data.subscriptionId,
    ctx.t.t('outcome.cardUpdated', { card: `${card.card.brand} •••• ${card.card.last4}` }),
  );
};
