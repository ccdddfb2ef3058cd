// The Bot Framework adapter: CloudAdapter with configuration authentication, and the one onTurnError.

import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
} from 'botbuilder';
import { Localizer } from '../locales/localizer.js';
import type { Credentials } from './config.js';
import type { Logger } from './logger.js';
import { knownFailureMessage } from './knownFailures.js';

/** The app id proactive messages are sent as ('' in local mode). */
export function appIdOf(credentials: Credentials): string {
  return credentials.mode === 'authenticated' ? credentials.appId : '';
}

/**
 * With credentials every request must carry a valid Bot Framework token; without them (local mode) requests are
 * not authenticated, which is why local mode only ever listens on 127.0.0.1.
 */
export function createAdapter(
  credentials: Credentials,
  conversationState: ConversationState,
  logger: Logger,
): CloudAdapter {
  const settings: ConfigurationBotFrameworkAuthenticationOptions =
    credentials.mode === 'authenticated'
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.appPassword ?? '',
          MicrosoftAppType: credentials.appType,
          MicrosoftAppTenantId: credentials.tenantId ?? '',
        }
      : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));

  // One place for errors in a turn: log with a reference, tell the person in a friendly sentence, and clear the
  // conversation state so a broken dialog cannot trap them.
  adapter.onTurnError = async (context, error) => {
    const reference = randomUUID().slice(0, 8);
    logger.error('turn.error', {
      reference,
      activityType: context.activity.type,
      activityId: context.activity.id,
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
    try {
      const t = new Localizer(context.activity.locale);
      await context.sendActivity(knownFailureMessage(t, error) ?? t.t('error.turn', { reference }));
    } catch (sendError) {
      logger.warn('turn.errorReplyFailed', { reference, error: sendError });
    }
    try {
      await conversationState.delete(context);
    } catch (deleteError) {
      logger.warn('turn.stateClearFailed', { reference, error: deleteError });
    }
  };
  return adapter;
}
