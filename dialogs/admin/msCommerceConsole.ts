// The MSCommerce "console" in chat: keeps the Connect-MSCommerce session for the conversation (S-26), runs what
// the admin pasted, and answers with PowerShell's output in a monospace block, naming the tenant acted on.

import type { TurnContext } from 'botbuilder';
import type { Caller } from '../../services/access/actor.js';
import type { Domain } from '../../services/domain.js';
import type { PolicyService } from '../../services/policies/policyService.js';
import { localizerOf } from '../turnInfo.js';

/** A Connect-MSCommerce session. */
export interface MsCommerceSession {
  readonly connected: boolean;
}

/** The engine that parses and runs cmdlets (dialogs/mscommerce). */
export interface MsCommerceEngine {
  isScript(text: string): boolean;
  run(
    script: string,
    session: MsCommerceSession,
    deps: { policies: PolicyService; caller: Caller; tenantId: string },
  ): Promise<{ output: string; session: MsCommerceSession }>;
}

const sessionKey = (conversationId: string): string => `mscommerce:${conversationId}`;

/** Runs cmdlets for one chat message. */
export class MsCommerceConsole {
  constructor(
    private readonly domain: Domain,
    private readonly engine: MsCommerceEngine,
  ) {}

  isScript(text: string): boolean {
    return this.engine.isScript(text);
  }

  async run(context: TurnContext, caller: Caller, tenantId: string, script: string): Promise<void> {
    const key = sessionKey(context.activity.conversation.id);
    const session = (await this.domain.records.read<MsCommerceSession>(key)) ?? {
      connected: false,
    };
    const result = await this.engine.run(script, session, {
      policies: this.domain.policies,
      caller,
      tenantId,
    });
    if (result.session.connected !== session.connected) {
      await this.domain.records.update<MsCommerceSession, void>(key, () => ({
        write: result.session,
        result: undefined,
      }));
    }
    const tenant = await this.domain.directory.getTenant(tenantId);
    const t = localizerOf(context);
    const heading = t.t('admin.tenant', { tenant: tenant?.name ?? tenantId });
    await context.sendActivity({
      type: 'message',
      textFormat: 'markdown',
      text: `${heading}\n\n\`\`\`\n${fence(result.output)}\n\`\`\``,
    });
  }
}

/** Output never closes the code block early (a product name cannot contain three backticks, but be sure). */
function fence(output: string): string {
  return output.replace(/```/g, "'''").trimEnd();
}
