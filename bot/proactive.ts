// Sends a message to a conversation outside a turn, and reports failure to the caller instead of onTurnError.

import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';

/**
 * Sends an activity proactively. botbuilder hands errors raised inside the callback to onTurnError (which would then
 * message the person about an error they never caused, and the sender would think it worked); here the error is
 * caught inside the callback and rethrown to the caller, so an undelivered notification stays undelivered.
 */
export async function sendProactively(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
): Promise<void> {
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      await context.sendActivity(activity);
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) {
    throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  }
}
