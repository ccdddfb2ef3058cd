// Waterfall steps several flows share: find the product, ask for a quantity, make sure we know who is asking.

import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { findProduct } from '../services/catalog/catalog.js';
import { IN_SCOPE_PRODUCTS } from '../services/catalog/products.js';
import type { Caller } from '../services/access/actor.js';
import { messageCard } from '../cards/cardKit.js';
import { plain } from '../cards/render.js';
import { PRODUCT_PROMPT, QUANTITY_PROMPT } from './dialogIds.js';
import type { ProductOptions } from './eligibilityDialog.js';
import { callerOf, localizerOf } from './turnInfo.js';
import { numberWord } from './intents.js';

/** The chat user, or a message saying the bot cannot tell who they are (and undefined). */
export async function requireCaller(context: TurnContext): Promise<Caller | undefined> {
  const caller = callerOf(context.activity);
  if (!caller) await context.sendActivity(localizerOf(context).t('dialog.whoAreYou'));
  return caller;
}

/**
 * Uses the product the person named when it names exactly one; otherwise asks, offering the candidates of an
 * ambiguous name ("power bi": Pro or Premium Per User).
 */
export async function productStep(
  step: WaterfallStepContext<ProductOptions>,
): Promise<DialogTurnResult> {
  const text = step.options.productText;
  const t = localizerOf(step.context);
  if (text) {
    const lookup = findProduct(text);
    if (lookup.kind === 'found') return step.next(lookup.product);
    const candidates = (
      lookup.kind === 'ambiguous' ? lookup.candidates : lookup.suggestions
    ).filter((p) => p.inScope);
    const title =
      lookup.kind === 'ambiguous'
        ? t.t('product.whichOne', { text: plain(text) })
        : t.t('product.unknown', { text: plain(text) });
    const list = candidates.length ? candidates : IN_SCOPE_PRODUCTS;
    const prompt = messageCard({
      title,
      note: t.t('product.typeName'),
      actions: list.map((p) => ({
        type: 'Action.Submit',
        title: p.name,
        data: { productId: p.productId },
      })),
    });
    return step.prompt(PRODUCT_PROMPT, { prompt: { attachments: [prompt] } });
  }
  return step.prompt(PRODUCT_PROMPT, {});
}

/** Uses the quantity the person gave, or asks for one (a whole number from 1 to 10,000). */
export async function quantityStep(
  step: WaterfallStepContext<ProductOptions>,
): Promise<DialogTurnResult> {
  (step.values as Record<string, unknown>).product = step.result;
  if (step.options.quantity !== undefined) return step.next(step.options.quantity);
  const t = localizerOf(step.context);
  return step.prompt(QUANTITY_PROMPT, {
    prompt: t.t('purchase.howMany'),
    retryPrompt: t.t('purchase.howManyRetry'),
  });
}

/** Reads "5", "5 licenses", "fem" as a quantity; anything else is not one. */
export function parseQuantity(text: string | undefined): number | undefined {
  const cleaned = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s*(licen[cs]es?|licenser|licens|st|pcs)\.?$/, '');
  if (/^\d{1,6}$/.test(cleaned)) return Number(cleaned);
  return numberWord(cleaned);
}
