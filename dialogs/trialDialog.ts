// "Try X": finds the product and sends the trial card with the options open to the person (§3.4).

import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Product } from '../services/catalog/products.js';
import type { Domain } from '../services/domain.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { PRODUCT_PROMPT, STEPS, TRIAL_DIALOG } from './dialogIds.js';
import type { ProductOptions } from './eligibilityDialog.js';
import { ProductPrompt } from './productPrompt.js';
import { trialScreen } from './screens/purchaseScreens.js';
import { productStep, requireCaller } from './steps.js';
import { localizerOf } from './turnInfo.js';

/** Starts a trial conversation. */
export class TrialDialog extends CancelAndHelpDialog {
  constructor(private readonly domain: Domain) {
    super(TRIAL_DIALOG);
    this.addDialog(new ProductPrompt(PRODUCT_PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [productStep, this.trialStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Sends the trial card for the chosen product. */
  private async trialStep(step: WaterfallStepContext<ProductOptions>): Promise<DialogTurnResult> {
    const caller = await requireCaller(step.context);
    if (!caller) return step.endDialog();
    const product = step.result as Product;
    await step.context.sendActivity({
      attachments: [
        await trialScreen(this.domain, localizerOf(step.context), caller, product.productId),
      ],
    });
    return step.endDialog();
  }
}
