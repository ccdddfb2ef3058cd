// For dialog tests (botbuilder-testing): the activities of a DialogTestClient made to come from a person of the seed.

import type { Middleware, TurnContext } from 'botbuilder';
import type { Fixture } from './domainFixture.js';

/** Makes every test activity come from a Teams user of the seed, in a conversation (personal unless said), in a language. */
export function asTeamsUser(
  f: Fixture,
  name: string,
  locale: string,
  options: { tenant?: string; conversationType?: 'personal' | 'groupChat' | 'channel' } = {},
): Middleware {
  const caller = f.as(name, options.tenant);
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const a = context.activity;
      a.from = { ...a.from, aadObjectId: caller.userId };
      a.conversation = {
        ...a.conversation,
        tenantId: caller.tenantId,
        conversationType: options.conversationType ?? 'personal',
      };
      a.locale = locale;
      await next();
    },
  };
}
