// Asks which product is meant until the answer names exactly one; ambiguous answers get the candidates as buttons.

import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import { productChoicesCard } from '../cards/pickerCards.js';
import { plain } from '../cards/render.js';
import { findProduct } from '../services/catalog/catalog.js';
import { IN_SCOPE_PRODUCTS, type Product } from '../services/catalog/products.js';
import type { ProductChoiceContext } from './steps.js';
import { localizerOf } from './turnInfo.js';

/** The choices offered for an ambiguous or unknown name: the candidates, else the nine products. */
function choicesCard(
  context: TurnContext,
  title: string,
  candidates: readonly Product[],
  options: PromptOptions,
) {
  const choice = (options.validations as ProductChoiceContext | undefined) ?? {
    flow: 'eligibility',
  };
  return productChoicesCard(localizerOf(context), {
    title,
    products: candidates.length ? candidates : IN_SCOPE_PRODUCTS,
    ...choice,
  });
}

/**
 * A prompt whose answer is a product, typed ("visio 2", a product id, a legacy id). Its candidate buttons carry the
 * flow on by themselves (`product.choose`, which ends this prompt); a value with a product id (cards sent before
 * those buttons) still answers it.
 */
export class ProductPrompt extends Prompt<Product> {
  constructor(dialogId: string, validator?: PromptValidator<Product>) {
    super(dialogId, validator);
  }

  protected async onPrompt(
    context: TurnContext,
    state: Record<string, unknown>,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const t = localizerOf(context);
    const last = state.lastAnswer as { candidates?: string[]; text?: string } | undefined;
    if (isRetry && last) {
      const candidates = IN_SCOPE_PRODUCTS.filter((p) => last.candidates?.includes(p.productId));
      const title = candidates.length
        ? t.t('product.whichOne', { text: plain(last.text) })
        : t.t('product.unknown', { text: plain(last.text) });
      await context.sendActivity({
        attachments: [choicesCard(context, title, candidates, options)],
      });
      return;
    }
    if (options.prompt) await context.sendActivity(options.prompt);
    else
      await context.sendActivity({
        attachments: [choicesCard(context, t.t('product.which'), [], options)],
      });
  }

  protected onRecognize(
    context: TurnContext,
    state: Record<string, unknown>,
  ): Promise<PromptRecognizerResult<Product>> {
    const activity = context.activity;
    if (activity.type !== String(ActivityTypes.Message))
      return Promise.resolve({ succeeded: false });
    const value = activity.value as { productId?: unknown } | undefined;
    const text =
      typeof value?.productId === 'string' ? value.productId : (activity.text ?? '').trim();
    const lookup = findProduct(text);
    if (lookup.kind === 'found') return Promise.resolve({ succeeded: true, value: lookup.product });
    state.lastAnswer = {
      text,
      candidates: (lookup.kind === 'ambiguous' ? lookup.candidates : lookup.suggestions)
        .filter((p) => p.inScope)
        .map((p) => p.productId),
    };
    return Promise.resolve({ succeeded: false });
  }
}
