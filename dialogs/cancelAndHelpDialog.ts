// The base of every flow: "help" and "cancel" (in English or Swedish) work at any step, and any other command
// typed while a flow waits for an answer ends the flow and is answered as that command.

import {
  ComponentDialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import { helpCard } from '../cards/welcomeCards.js';
import { findProduct } from '../services/catalog/catalog.js';
import { recognizeAdmin, splitCustomer } from './admin/adminIntents.js';
import { PRODUCT_PROMPT, QUANTITY_PROMPT } from './dialogIds.js';
import { normalize, recognize, type Intent } from './intents.js';
import { parseQuantity } from './steps.js';
import { localizerOf } from './turnInfo.js';

/** The prompt the flow waits at: the innermost active dialog. */
function waitingAt(inner: DialogContext): string | undefined {
  let dc = inner;
  while (dc.child) dc = dc.child;
  return dc.activeDialog?.id;
}

/** Whether the text is a plain answer to the prompt: a number for the quantity, a product's name for the product. */
function answers(prompt: string | undefined, text: string): boolean {
  if (prompt === QUANTITY_PROMPT) return parseQuantity(normalize(text)) !== undefined;
  if (prompt === PRODUCT_PROMPT) return findProduct(normalize(text)).kind === 'found';
  return false;
}

/**
 * Whether the text is a command of its own: any intent the bot recognizes, or an admin's request to see purchases,
 * policies, requests or the audit log. An admin's policy change ("stop Visio") is not taken from inside a flow.
 */
function isCommand(intent: Intent, text: string): boolean {
  if (intent.kind !== 'unknown') return true;
  const admin = recognizeAdmin(splitCustomer(text).command);
  return admin !== undefined && admin.kind !== 'setPolicy';
}

/** A component dialog that lets the person ask for help, give up, or ask for something else in the middle of it. */
export class CancelAndHelpDialog extends ComponentDialog {
  /**
   * The inner dialog that reads a message as a command (the main dialog's router). When set, a command typed in
   * the middle of a flow ends the flow and this dialog reads the message again. Flows leave it unset: the router
   * around them sees every message first.
   */
  protected commandReader: string | undefined;

  override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = inner.context.activity;
    if (activity.type !== String(ActivityTypes.Message) || !activity.text) return undefined;
    const intent = recognize(activity.text);
    const t = localizerOf(inner.context);
    if (intent.kind === 'help') {
      await inner.context.sendActivity({ attachments: [helpCard(t)] });
      return { status: DialogTurnStatus.waiting };
    }
    // In the middle of a flow, "cancel the purchase", "avbryt köpet", "cancel Visio" mean: stop this. (Outside a
    // flow, "cancel Visio" asks to cancel a subscription; said again after the flow has stopped, it does.)
    if (
      intent.kind === 'cancel' ||
      intent.kind === 'cancelSubscription' ||
      (intent.kind === 'unknown' && intent.stopsFlow)
    ) {
      await inner.context.sendActivity(t.t('dialog.cancelled'));
      return inner.cancelAllDialogs();
    }
    // "pay invoice" at "How many licenses?", "remove 1 Power BI Pro license" at "Which product?": the question is
    // over, and the message is answered as the command it is.
    if (
      this.commandReader &&
      isCommand(intent, activity.text) &&
      !answers(waitingAt(inner), activity.text)
    ) {
      await inner.cancelAllDialogs();
      return inner.beginDialog(this.commandReader);
    }
    return undefined;
  }
}
