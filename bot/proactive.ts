// Sends a message to a conversation outside a turn, and reports failure to the caller instead of onTurnError.

import {
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';

/** The part of botframework-connector's ConnectorClient (which the adapter puts in turn state) used here. */
interface ConnectorClient {
  readonly conversations: {
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
      options: { abortSignal: AbortSignal },
    ): Promise<unknown>;
    replyToActivity(
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
      options: { abortSignal: AbortSignal },
    ): Promise<unknown>;
  };
}

/**
 * Sends an activity proactively. botbuilder hands errors raised inside the callback to onTurnError (which would then
 * message the person about an error they never caused, and the sender would think it worked); here the error is
 * caught inside the callback and rethrown to the caller, so an undelivered notification stays undelivered.
 *
 * With a `signal`, the send is abandoned when it fires, including while the connector client waits out a
 * Retry-After: the caller then knows the message was not sent by this call and never will be.
 */
export async function sendProactively(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
  signal?: AbortSignal,
): Promise<void> {
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      if (signal) await sendAbortably(context, activity, signal);
      else await context.sendActivity(activity);
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) {
    throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  }
}

/**
 * Sends an activity in the conversation of `context` (a reply inside a turn, a new message in a proactive one) the
 * way the adapter does, but with an abort signal the connector client honours in its requests and retry waits.
 */
export async function sendAbortably(
  context: TurnContext,
  activity: Partial<Activity>,
  signal: AbortSignal,
): Promise<void> {
  signal.throwIfAborted();
  const client = context.turnState.get<ConnectorClient | undefined>(
    context.adapter.ConnectorClientKey,
  );
  if (!client) throw new Error('The turn has no connector client to send with.');
  const outgoing = TurnContext.applyConversationReference(
    { type: 'message', ...activity },
    TurnContext.getConversationReference(context.activity),
  ) as Activity;
  const conversationId = outgoing.conversation.id;
  if (outgoing.replyToId) {
    await client.conversations.replyToActivity(conversationId, outgoing.replyToId, outgoing, {
      abortSignal: signal,
    });
  } else {
    await client.conversations.sendToConversation(conversationId, outgoing, {
      abortSignal: signal,
    });
  }
}
