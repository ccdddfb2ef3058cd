// "Request a license for X" (§4.3): finds the product and sends the request form, or the organization's message.

import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { requestForm, requestRefusalCard } from '../cards/licenseRequestCards.js';
import type { Product } from '../services/catalog/products.js';
import type { Domain } from '../services/domain.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { PRODUCT_PROMPT, REQUEST_DIALOG, STEPS } from './dialogIds.js';
import type { ProductOptions } from './eligibilityDialog.js';
import { ProductPrompt } from './productPrompt.js';
import { productStep, requireCaller } from './steps.js';
import { localizerOf } from './turnInfo.js';

/** Offers the request form when the product is disabled and the tenant takes requests. */
export class RequestLicenseDialog extends CancelAndHelpDialog {
  constructor(private readonly domain: Domain) {
    super(REQUEST_DIALOG);
    this.addDialog(new ProductPrompt(PRODUCT_PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [productStep, this.formStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Sends the form, or says why a request is not the way (not blocked, own process, not enabled). */
  private async formStep(step: WaterfallStepContext<ProductOptions>): Promise<DialogTurnResult> {
    const caller = await requireCaller(step.context);
    if (!caller) return step.endDialog();
    const t = localizerOf(step.context);
    const product = step.result as Product;
    const allowed = await this.domain.licenseRequests.canRequest(caller, product.productId);
    const card = allowed.ok
      ? requestForm(t, product.productId, product.name)
      : requestRefusalCard(t, allowed.refusal);
    await step.context.sendActivity({ attachments: [card] });
    return step.endDialog();
  }
}
