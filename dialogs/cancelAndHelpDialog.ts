// The base of every flow: "help" and "cancel" (in English or Swedish) work at any step.

import {
  ComponentDialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import { helpCard } from '../cards/welcomeCards.js';
import { recognize } from './intents.js';
import { localizerOf } from './turnInfo.js';

/** A component dialog that lets the person ask for help or give up in the middle of it. */
export class CancelAndHelpDialog extends ComponentDialog {
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
    return undefined;
  }
}
