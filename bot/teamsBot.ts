// The Teams activity handler: routes messages to the dialogs, card clicks to their handlers, installs to the
// notification targets; saves state once per turn.

import {
  ActivityTypes,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Attachment,
  type ConversationState,
  type FileConsentCardResponse,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/render.js';
import type { Verb } from '../cards/verbs.js';
import { welcomeCard } from '../cards/welcomeCards.js';
import type { MainDialog, PrivateSender } from '../dialogs/mainDialog.js';
import { callerOf, isPersonal, localizerOf } from '../dialogs/turnInfo.js';
import type { Caller } from '../services/access/actor.js';
import type { Domain } from '../services/domain.js';
import { runCardAction } from './cardActions/registry.js';
import type { ConversationReferences } from './conversationReferences.js';
import type { Logger } from './logger.js';
import type { Notifier } from './notifier.js';
import type { FileExporter } from './fileExport.js';
import { DeliveredMessages } from './redelivery.js';

const PRODUCT_CHOICE_VERB: Verb = 'product.choose';

/** Everything the bot is built from (the composition root passes it in). */
export interface BotDependencies {
  readonly domain: Domain;
  readonly conversationState: ConversationState;
  readonly mainDialog: MainDialog;
  readonly references: ConversationReferences;
  readonly notifier: Notifier;
  readonly sendPrivately: PrivateSender;
  readonly logger: Logger;
  readonly exporter: FileExporter;
  /** The messages already handled; by default remembered in the domain's store. */
  readonly delivered?: DeliveredMessages;
}

/** The self-service purchase bot. */
export class SelfServiceBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly delivered: DeliveredMessages;

  constructor(private readonly deps: BotDependencies) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('DialogState');
    this.delivered =
      deps.delivered ?? new DeliveredMessages(deps.domain.records, deps.domain.clock);

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      const caller = callerOf(context.activity);
      if (caller && isPersonal(context.activity)) {
        await this.remember(context, caller);
        await this.welcome(context, caller);
        await this.deps.notifier.deliverInTurn(context, caller);
      }
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      const caller = callerOf(context.activity);
      if (caller && isPersonal(context.activity)) await this.deps.references.remove(caller);
      await next();
    });
  }

  /**
   * Runs the turn, then saves conversation state once. A message Teams delivers again (the same activity id in the
   * same conversation, within minutes) was answered already: it is acknowledged and nothing else happens.
   */
  override async run(context: TurnContext): Promise<void> {
    if (await this.delivered.isRepeat(context.activity)) {
      this.deps.logger.info('message.redelivered', { activityId: context.activity.id });
      return;
    }
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  /** Action.Execute: the returned card replaces the clicked one for the person who clicked. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const card = await this.cardAction(context, invokeValue.action.verb, invokeValue.action.data);
    return {
      statusCode: 200,
      type: ADAPTIVE_CARD_CONTENT_TYPE,
      value: card.content as Record<string, unknown>,
    };
  }

  /** The admin accepted the CSV file: upload it to the place Teams gave and show it. */
  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    const caller = callerOf(context.activity);
    if (!caller) return;
    await this.deps.exporter.accept(context, caller, response.context, response.uploadInfo);
  }

  protected override async handleTeamsFileConsentDecline(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await this.deps.exporter.decline(context, response.context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const personal = isPersonal(activity);
    // A click on a card's Action.Submit (a value, no text) never carries a mention; it is always for the bot.
    const cardSubmit =
      typeof activity.value === 'object' && activity.value !== null && !activity.text?.trim();
    if (!personal && !cardSubmit) {
      // In group chats and channels the bot answers only when @mentioned, and reads the text without the mention.
      const mentioned = TurnContext.getMentions(activity).some(
        (m) => m.mentioned.id === activity.recipient.id,
      );
      if (!mentioned) return;
      activity.text = TurnContext.removeRecipientMention(activity)?.trim() ?? '';
    }
    const caller = callerOf(activity);
    if (caller && personal) await this.remember(context, caller);

    const value = activity.value as { verb?: unknown } | undefined;
    if (value && typeof value === 'object' && 'verb' in value) {
      // Action.Submit (the fallback of Action.Execute): replace the clicked card in place.
      const card = await this.cardAction(context, value.verb, value);
      await this.replaceCard(context, card);
    } else {
      await this.deps.mainDialog.run(context, this.dialogState);
    }
    if (caller && personal) await this.deps.notifier.deliverInTurn(context, caller);
  }

  private async cardAction(
    context: TurnContext,
    verb: unknown,
    data: unknown,
  ): Promise<Attachment> {
    // A product picked on a card carries the typed question on by itself: the question's prompt is over.
    if (verb === PRODUCT_CHOICE_VERB) await this.dialogState.delete(context);
    const caller = callerOf(context.activity);
    const t = localizerOf(context);
    if (!caller) {
      return {
        contentType: ADAPTIVE_CARD_CONTENT_TYPE,
        content: {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [{ type: 'TextBlock', text: t.t('dialog.whoAreYou'), wrap: true }],
        },
      };
    }
    return runCardAction(
      {
        turn: context,
        caller,
        t,
        domain: this.deps.domain,
        personal: isPersonal(context.activity),
        sendPrivately: this.deps.sendPrivately,
        logger: this.deps.logger,
        exporter: this.deps.exporter,
      },
      verb,
      data,
    );
  }

  /** Replaces the card a Submit came from; when the channel cannot update it, sends the result as a new message. */
  private async replaceCard(context: TurnContext, card: Attachment): Promise<void> {
    const replyToId = context.activity.replyToId;
    if (replyToId) {
      try {
        await context.updateActivity({
          id: replyToId,
          type: ActivityTypes.Message,
          attachments: [card],
        });
        return;
      } catch (error) {
        this.deps.logger.warn('card.updateFailed', { error });
      }
    }
    await context.sendActivity({ attachments: [card] });
  }

  private async remember(context: TurnContext, caller: Caller): Promise<void> {
    const reference = {
      ...TurnContext.getConversationReference(context.activity),
      locale: context.activity.locale,
    };
    await this.deps.references.save(caller, reference);
  }

  private async welcome(context: TurnContext, caller: Caller): Promise<void> {
    const t = localizerOf(context);
    const user = await this.deps.domain.directory.getUser(caller.tenantId, caller.userId);
    const admin = (user?.roles.length ?? 0) > 0;
    await context.sendActivity({ attachments: [welcomeCard(t, user?.displayName ?? '', admin)] });
  }
}
