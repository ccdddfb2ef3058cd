// Waterfall steps several flows share: find the product, ask for a quantity, make sure we know who is asking.

import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { findProduct } from '../services/catalog/catalog.js';
import { IN_SCOPE_PRODUCTS } from '../services/catalog/products.js';
import type { Caller } from '../services/access/actor.js';
import { productChoicesCard, type ProductFlow } from '../cards/pickerCards.js';
import { plain } from '../cards/render.js';
import { refusalMessage } from '../cards/refusalMessage.js';
import { MAX_QUANTITY, MIN_QUANTITY } from '../services/eligibility/eligibility.js';
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

/** A product flow's options: what was typed, and what the question is for (the picker's buttons carry it on). */
export interface ProductFlowOptions extends ProductOptions {
  readonly flow?: ProductFlow;
}

/** What the product prompt keeps (in its options' `validations`) so that its buttons continue the right flow. */
export interface ProductChoiceContext {
  readonly flow: ProductFlow;
  readonly quantity?: number;
}

/** Whether a number is a quantity that can be bought (S-5: a whole number from 1 to 10,000). */
export function isQuantity(quantity: number | undefined): quantity is number {
  return (
    quantity !== undefined &&
    Number.isInteger(quantity) &&
    quantity >= MIN_QUANTITY &&
    quantity <= MAX_QUANTITY
  );
}

/**
 * Uses the product the person named when it names exactly one; otherwise asks, offering the candidates of an
 * ambiguous name ("power bi": Pro or Premium Per User).
 */
export async function productStep(
  step: WaterfallStepContext<ProductFlowOptions>,
): Promise<DialogTurnResult> {
  const text = step.options.productText;
  const t = localizerOf(step.context);
  const choice: ProductChoiceContext = {
    flow: step.options.flow ?? 'eligibility',
    ...(isQuantity(step.options.quantity) ? { quantity: step.options.quantity } : {}),
  };
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
    const products = candidates.length ? candidates : IN_SCOPE_PRODUCTS;
    const prompt = productChoicesCard(t, { title, products, ...choice });
    return step.prompt(PRODUCT_PROMPT, {
      prompt: { attachments: [prompt] },
      validations: choice,
    });
  }
  return step.prompt(PRODUCT_PROMPT, { validations: choice });
}

/**
 * Uses the quantity the person gave, or asks for one (a whole number from 1 to 10,000); a quantity out of range
 * ("buy 0 visio") is refused with the reason and asked for again.
 */
export async function quantityStep(
  step: WaterfallStepContext<ProductOptions>,
): Promise<DialogTurnResult> {
  (step.values as Record<string, unknown>).product = step.result;
  const given = step.options.quantity;
  if (isQuantity(given)) return step.next(given);
  const t = localizerOf(step.context);
  if (given !== undefined) {
    await step.context.sendActivity(
      refusalMessage(t, {
        code: 'INVALID_QUANTITY',
        facts: { quantity: String(given), min: MIN_QUANTITY, max: MAX_QUANTITY },
      }),
    );
  }
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
