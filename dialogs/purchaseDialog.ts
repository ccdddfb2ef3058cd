// "Buy X": product, then quantity, then the checkout card (payment and confirmation happen on the card).

import {
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Product } from '../services/catalog/products.js';
import type { Domain } from '../services/domain.js';
import { MIN_QUANTITY } from '../services/eligibility/eligibility.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { PRODUCT_PROMPT, PURCHASE_DIALOG, QUANTITY_PROMPT, STEPS } from './dialogIds.js';
import type { ProductOptions } from './eligibilityDialog.js';
import { ProductPrompt } from './productPrompt.js';
import { checkoutScreen, verdictFor } from './screens/purchaseScreens.js';
import { eligibilityCard } from '../cards/purchaseCards.js';
import { isQuantity, parseQuantity, productStep, quantityStep, requireCaller } from './steps.js';
import { localizerOf } from './turnInfo.js';

/** Gathers product and quantity, refusing early when the person cannot buy, and sends the checkout card. */
export class PurchaseDialog extends CancelAndHelpDialog {
  constructor(private readonly domain: Domain) {
    super(PURCHASE_DIALOG);
    this.addDialog(new ProductPrompt(PRODUCT_PROMPT));
    this.addDialog(
      new TextPrompt(QUANTITY_PROMPT, (prompt) => {
        return Promise.resolve(isQuantity(parseQuantity(prompt.recognized.value)));
      }),
    );
    this.addDialog(
      new WaterfallDialog(STEPS, [
        productStep,
        this.eligibleStep.bind(this),
        quantityStep,
        this.checkoutStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Stops with the reason when the person cannot buy the product at all, before asking how many. */
  private async eligibleStep(
    step: WaterfallStepContext<ProductOptions>,
  ): Promise<DialogTurnResult> {
    const caller = await requireCaller(step.context);
    if (!caller) return step.endDialog();
    const product = step.result as Product;
    const verdict = await verdictFor(this.domain, caller, product);
    if (!verdict.purchase.eligible) {
      await step.context.sendActivity({
        attachments: [eligibilityCard(localizerOf(step.context), verdict)],
      });
      return step.endDialog();
    }
    return step.next(product);
  }

  /** Sends the checkout card for the product and quantity. */
  private async checkoutStep(
    step: WaterfallStepContext<ProductOptions>,
  ): Promise<DialogTurnResult> {
    const caller = await requireCaller(step.context);
    if (!caller) return step.endDialog();
    const product = (step.values as Record<string, unknown>).product as Product;
    const quantity =
      typeof step.result === 'number'
        ? step.result
        : (parseQuantity(String(step.result)) ?? MIN_QUANTITY);
    const card = await checkoutScreen(
      this.domain,
      localizerOf(step.context),
      caller,
      product.productId,
      quantity,
    );
    await step.context.sendActivity({ attachments: [card] });
    return step.endDialog();
  }
}
