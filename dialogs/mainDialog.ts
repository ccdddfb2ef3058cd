// The root dialog: reads each message as a command or a plain question and starts the matching flow.

import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Attachment } from 'botbuilder';
import { plain } from '../cards/render.js';
import { helpCard, welcomeCard } from '../cards/welcomeCards.js';
import type { Domain } from '../services/domain.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import {
  ELIGIBILITY_DIALOG,
  MAIN_DIALOG,
  MAIN_WATERFALL,
  PURCHASE_DIALOG,
  REQUEST_DIALOG,
  TRIAL_DIALOG,
} from './dialogIds.js';
import { EligibilityDialog } from './eligibilityDialog.js';
import { recognize, type Intent } from './intents.js';
import { PurchaseDialog } from './purchaseDialog.js';
import { RequestLicenseDialog } from './requestLicenseDialog.js';
import type { ProductFlowOptions } from './steps.js';
import { answerSubscriptionIntent, isSubscriptionIntent } from './subscriptionCommands.js';
import { overviewScreen } from './screens/purchaseScreens.js';
import { invoicesScreen, purchasesScreen } from './screens/subscriptionScreens.js';
import { TrialDialog } from './trialDialog.js';
import { callerOf, isPersonal, localizerOf } from './turnInfo.js';

/** Sends cards to the person's one-to-one chat; false when the bot cannot reach it yet. */
export type PrivateSender = (context: TurnContext, attachments: Attachment[]) => Promise<boolean>;

/** Commands an admin module (MSCommerce, purchases overview) may answer before the user flows do. */
export interface CommandHandler {
  /** Handles the text and returns true, or returns false to let the next handler try. */
  tryHandle(context: TurnContext, text: string): Promise<boolean>;
}

/** Intents that show a buyer's private details: only ever answered in the personal chat. */
const PRIVATE: ReadonlySet<Intent['kind']> = new Set([
  'buy',
  'trial',
  'myPurchases',
  'invoices',
  'cancelSubscription',
  'assignLicense',
  'changeQuantity',
  'changeCard',
]);

/** Routes messages; "help", "cancel" and every other command work inside every flow it starts. */
export class MainDialog extends CancelAndHelpDialog {
  constructor(
    private readonly domain: Domain,
    private readonly sendPrivately: PrivateSender,
    private readonly commands: readonly CommandHandler[] = [],
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new EligibilityDialog(domain));
    this.addDialog(new PurchaseDialog(domain));
    this.addDialog(new TrialDialog(domain));
    this.addDialog(new RequestLicenseDialog(domain));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
    this.commandReader = MAIN_WATERFALL;
  }

  /** Continues the active flow, or starts this dialog for a new message. State is saved by the bot, once. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  /** Reads the message and starts the flow it asks for. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const text = context.activity.text ?? '';
    for (const handler of this.commands) {
      if (await handler.tryHandle(context, text)) return step.endDialog();
    }
    const intent = recognize(text);
    const t = localizerOf(context);
    const caller = callerOf(context.activity);
    if (!caller && intent.kind !== 'help' && intent.kind !== 'cancel') {
      await context.sendActivity(t.t('dialog.whoAreYou'));
      return step.endDialog();
    }
    if (PRIVATE.has(intent.kind) && !isPersonal(context.activity)) {
      return this.continuePrivately(step, intent);
    }
    if (isSubscriptionIntent(intent)) {
      await answerSubscriptionIntent(this.domain, context, caller!, intent);
      return step.endDialog();
    }
    switch (intent.kind) {
      case 'help':
        await context.sendActivity({ attachments: [helpCard(t)] });
        return step.endDialog();
      case 'cancel':
        await context.sendActivity(t.t('dialog.nothingToCancel'));
        return step.endDialog();
      case 'welcome': {
        const user = caller
          ? await this.domain.directory.getUser(caller.tenantId, caller.userId)
          : undefined;
        const admin = (user?.roles.length ?? 0) > 0;
        await context.sendActivity({
          attachments: [welcomeCard(t, user?.displayName ?? '', admin)],
        });
        return step.endDialog();
      }
      case 'products':
        await context.sendActivity({
          attachments: [await overviewScreen(this.domain, t, caller!)],
        });
        return step.endDialog();
      case 'eligibility':
        return step.beginDialog(ELIGIBILITY_DIALOG, {
          productText: intent.product,
          quantity: intent.quantity,
          flow: 'eligibility',
        } satisfies ProductFlowOptions);
      case 'buy':
        return step.beginDialog(PURCHASE_DIALOG, {
          productText: intent.product,
          quantity: intent.quantity,
          flow: 'purchase',
        } satisfies ProductFlowOptions);
      case 'trial':
        return step.beginDialog(TRIAL_DIALOG, {
          productText: intent.product,
          flow: 'trial',
        } satisfies ProductFlowOptions);
      case 'requestLicense':
        return step.beginDialog(REQUEST_DIALOG, {
          productText: intent.product,
          flow: 'request',
        } satisfies ProductFlowOptions);
      case 'myPurchases':
        await context.sendActivity({
          attachments: [await purchasesScreen(this.domain, t, caller!)],
        });
        return step.endDialog();
      case 'invoices':
        await context.sendActivity({
          attachments: [await invoicesScreen(this.domain, t, caller!, 3)],
        });
        return step.endDialog();
      case 'unknown':
        await context.sendActivity(
          t.t('dialog.notUnderstood', { text: plain(intent.text.slice(0, 80)) }),
        );
        return step.endDialog();
    }
  }

  /** In a group chat or channel, private flows move to the personal chat. */
  private async continuePrivately(
    step: WaterfallStepContext,
    intent: Intent,
  ): Promise<DialogTurnResult> {
    const t = localizerOf(step.context);
    const caller = callerOf(step.context.activity)!;
    const card =
      intent.kind === 'myPurchases' || intent.kind === 'buy' || intent.kind === 'trial'
        ? await purchasesScreen(this.domain, t, caller)
        : await invoicesScreen(this.domain, t, caller, 3);
    const sent =
      intent.kind === 'invoices' || intent.kind === 'myPurchases'
        ? await this.sendPrivately(step.context, [card])
        : false;
    await step.context.sendActivity(
      sent ? t.t('dialog.sentPrivately') : t.t('dialog.openPrivateChat'),
    );
    return step.endDialog();
  }
}
