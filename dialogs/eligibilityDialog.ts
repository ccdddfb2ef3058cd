// "Can I buy X?": finds the product (asking when needed) and answers yes or no with the reason (§2).

import {
  WaterfallDialog,
  type WaterfallStepContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { Domain } from '../services/domain.js';
import type { Product } from '../services/catalog/products.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { ELIGIBILITY_DIALOG, PRODUCT_PROMPT, STEPS } from './dialogIds.js';
import { ProductPrompt } from './productPrompt.js';
import { productStep, requireCaller } from './steps.js';
import { eligibilityScreen, refusalCard } from './screens/purchaseScreens.js';
import { localizerOf } from './turnInfo.js';

/** Options: the product text the person typed, if any. */
export interface ProductOptions {
  readonly productText?: string;
  readonly quantity?: number;
}

/** Answers the eligibility question for the chat user and one product. */
export class EligibilityDialog extends CancelAndHelpDialog {
  constructor(private readonly domain: Domain) {
    super(ELIGIBILITY_DIALOG);
    this.addDialog(new ProductPrompt(PRODUCT_PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [productStep, this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Sends the yes/no card for the product chosen in the previous step. */
  private async answerStep(step: WaterfallStepContext<ProductOptions>): Promise<DialogTurnResult> {
    const caller = await requireCaller(step.context);
    if (!caller) return step.endDialog();
    const product = step.result as Product;
    const t = localizerOf(step.context);
    const quantity = step.options.quantity;
    if (quantity !== undefined) {
      // "Can I buy 20000 Visio Plan 2?": a quantity no one may buy is the answer; otherwise the product's verdict.
      const verdict = await this.domain.eligibility.check({
        applicant: { caller },
        product,
        intent: 'purchase',
        quantity,
      });
      if (!verdict.eligible && verdict.code === 'INVALID_QUANTITY') {
        const refusal = { code: verdict.code, facts: verdict.facts };
        await step.context.sendActivity({ attachments: [refusalCard(t, refusal)] });
        return step.endDialog();
      }
    }
    const card = await eligibilityScreen(this.domain, t, caller, product.productId, quantity);
    await step.context.sendActivity({ attachments: [card] });
    return step.endDialog();
  }
}
