// Card actions of the purchase side: products, eligibility, checkout and confirm, trials, license requests.

import { messageCard } from '../../cards/cardKit.js';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { plain } from '../../cards/render.js';
import { helpCard } from '../../cards/welcomeCards.js';
import {
  checkoutScreen,
  eligibilityScreen,
  overviewScreen,
  quantityScreen,
  receiptScreen,
  trialScreen,
} from '../../dialogs/screens/purchaseScreens.js';
import { requestForm, requestRefusalCard } from '../../cards/licenseRequestCards.js';
import type { ActionContext, ActionHandler } from './actionContext.js';
import { cardForPayment } from './cardDetails.js';
import { resolvePeople, splitPeople } from './people.js';
import type { Attachment } from 'botbuilder';

/** Shows private cards only in the personal chat; elsewhere sends them there and says so. */
export async function privately(
  ctx: ActionContext,
  card: () => Promise<Attachment>,
): Promise<Attachment> {
  if (ctx.personal) return card();
  const sent = await ctx.sendPrivately(ctx.turn, [await card()]);
  return messageCard({ title: ctx.t.t(sent ? 'dialog.sentPrivately' : 'dialog.openPrivateChat') });
}

export const showHelp: ActionHandler<'help.show'> = (ctx) => Promise.resolve(helpCard(ctx.t));

export const listProducts: ActionHandler<'products.list'> = (ctx) =>
  overviewScreen(ctx.domain, ctx.t, ctx.caller);

export const checkEligibility: ActionHandler<'eligibility.check'> = (ctx, data) =>
  eligibilityScreen(ctx.domain, ctx.t, ctx.caller, data.productId);

/**
 * A product picked from the choices a typed question offered: carries on with what was asked (the typed dialog was
 * ended when the click arrived), so a second click on the same card gives the same answer.
 */
export const chooseProduct: ActionHandler<'product.choose'> = (ctx, data) => {
  switch (data.flow) {
    case 'eligibility':
      return eligibilityScreen(ctx.domain, ctx.t, ctx.caller, data.productId, data.quantity);
    case 'purchase':
      return privately(ctx, () =>
        data.quantity === undefined
          ? quantityScreen(ctx.domain, ctx.t, ctx.caller, data.productId)
          : checkoutScreen(ctx.domain, ctx.t, ctx.caller, data.productId, data.quantity),
      );
    case 'trial':
      return trialForm(ctx, data);
    case 'request':
      return requestFormAction(ctx, data);
  }
};

export const startPurchase: ActionHandler<'purchase.start'> = (ctx, data) =>
  privately(ctx, () =>
    checkoutScreen(ctx.domain, ctx.t, ctx.caller, data.productId, data.quantity ?? 1),
  );

export const abandonPurchase: ActionHandler<'purchase.abandon'> = (ctx) =>
  Promise.resolve(messageCard({ title: ctx.t.t('checkout.abandoned') }));

/**
 * Confirms a checkout: the card's action id is the purchase's idempotency key, so a double click or a re-delivered
 * invoke gets the same receipt ("Already done: order 1042") and is charged once.
 */
export const confirmPurchase: ActionHandler<'purchase.confirm'> = async (ctx, data) => {
  if (!ctx.personal) return messageCard({ title: ctx.t.t('dialog.openPrivateChat') });
  const card = await cardForPayment(ctx.domain, ctx.t, ctx.caller, data, {
    holdKey: data.actionId,
  });
  if (!card.ok)
    return checkoutScreen(
      ctx.domain,
      ctx.t,
      ctx.caller,
      data.productId,
      data.quantity,
      card.message,
    );
  const result = await ctx.domain.purchases.purchase({
    caller: ctx.caller,
    productId: data.productId,
    quantity: data.quantity,
    payment: { cardId: card.card.cardId },
    idempotencyKey: data.actionId,
  });
  // A typed card is kept for next time only once it paid; a declined one is neither kept nor preselected.
  await card.settle(result.ok);
  if (!result.ok && result.refusal.code === 'PAYMENT_DECLINED') {
    const message = refusalMessage(ctx.t, result.refusal);
    return checkoutScreen(ctx.domain, ctx.t, ctx.caller, data.productId, data.quantity, message);
  }
  if (result.ok)
    ctx.logger.info('purchase.completed', {
      orderId: result.value.orderId,
      alreadyDone: result.value.alreadyDone,
    });
  return receiptScreen(ctx.t, result, { productId: data.productId, quantity: data.quantity });
};

export const trialForm: ActionHandler<'trial.form'> = (ctx, data) =>
  privately(ctx, () => trialScreen(ctx.domain, ctx.t, ctx.caller, data.productId));

export const startTrial: ActionHandler<'trial.start'> = async (ctx, data) => {
  if (!ctx.personal) return messageCard({ title: ctx.t.t('dialog.openPrivateChat') });
  let cardId: string | undefined;
  let settle: ((succeeded: boolean) => Promise<unknown>) | undefined;
  if (data.withCard === 'yes') {
    // Nothing is charged until the trial ends, so a typed card is verified with the provider first.
    const card = await cardForPayment(ctx.domain, ctx.t, ctx.caller, data, {
      holdKey: data.actionId,
      verify: true,
    });
    if (!card.ok) return refusalLike(ctx, card.message);
    cardId = card.card.cardId;
    settle = card.settle;
  }
  const result = await ctx.domain.purchases.startTrial({
    caller: ctx.caller,
    productId: data.productId,
    payment: cardId ? { cardId } : undefined,
    idempotencyKey: data.actionId,
  });
  await settle?.(result.ok);
  return receiptScreen(ctx.t, result);
};

export const requestFormAction: ActionHandler<'request.form'> = async (ctx, data) => {
  const allowed = await ctx.domain.licenseRequests.canRequest(ctx.caller, data.productId);
  return allowed.ok
    ? requestForm(ctx.t, data.productId, allowed.value.productName)
    : requestRefusalCard(ctx.t, allowed.refusal);
};

export const submitRequest: ActionHandler<'request.submit'> = async (ctx, data) => {
  const others = await resolvePeople(ctx.domain, ctx.caller.tenantId, splitPeople(data.others));
  const result = await ctx.domain.licenseRequests.request(
    ctx.caller,
    data.productId,
    { forSelf: data.forSelf === 'true', others, message: data.message },
    data.actionId,
  );
  if (!result.ok) return requestRefusalCard(ctx.t, result.refusal);
  return messageCard({
    title: ctx.t.t('request.sent.title', { product: result.value.productName }),
    text: ctx.t.t('request.sent.text', {
      users: ctx.t.list(result.value.forUsers.map((u) => plain(u.displayName))),
    }),
    color: 'Good',
  });
};

function refusalLike(ctx: ActionContext, message: string): Promise<Attachment> {
  return Promise.resolve(
    messageCard({ title: ctx.t.t('refusal.title'), text: message, color: 'Attention' }),
  );
}
