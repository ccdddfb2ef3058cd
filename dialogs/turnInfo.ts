// Who is talking and in which language, read from the activity Teams sent.

import type { Activity, TurnContext } from 'botbuilder';
import { Localizer } from '../locales/localizer.js';
import type { Caller } from '../services/access/actor.js';

interface TeamsChannelData {
  tenant?: { id?: string };
}

/** The tenant of the conversation: `conversation.tenantId`, else Teams' `channelData.tenant.id`. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as TeamsChannelData | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id;
}

/** The chat user as the domain knows them (Entra object id + tenant), or undefined when Teams did not say. */
export function callerOf(activity: Partial<Activity>): Caller | undefined {
  const userId = activity.from?.aadObjectId;
  const tenantId = tenantOf(activity);
  return userId && tenantId ? { tenantId, userId } : undefined;
}

/** The user's language, from the activity's locale (English when absent or unknown). */
export function localizerOf(context: TurnContext): Localizer {
  return new Localizer(context.activity.locale);
}

/** True in the one-to-one chat with the bot; group chats and channels are not private. */
export function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}
