// The MSCommerce engine as the chat console uses it: recognise a script, run it, hand back text and session.

import type { Caller } from '../../services/access/actor.js';
import { runScript, type MsCommerceSession } from './executor.js';
import { isMsCommerceScript } from './isMsCommerceScript.js';
import type { PolicyApi } from './moduleCmdlets.js';

/**
 * The one object the composition root hands to the MSCommerce console. `output` is plain text for a monospace
 * block; `session` is what to keep for the conversation (S-26).
 */
export const msCommerceEngine = {
  isScript: isMsCommerceScript,
  async run(
    script: string,
    session: MsCommerceSession,
    deps: { readonly policies: PolicyApi; readonly caller: Caller; readonly tenantId: string },
  ): Promise<{ output: string; session: MsCommerceSession }> {
    const result = await runScript(script, session, deps);
    return { output: result.text, session: result.session };
  },
};
