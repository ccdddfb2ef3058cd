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

const stateKey = (conversationId: string): string => `mscommerce:${conversationId}`;

/** How long an unanswered prompt waits before the next message is read as a new one. */
export const PROMPT_LIFETIME_MS = 10 * 60_000;

/**
 * A cmdlet waiting for its mandatory parameters, the way PowerShell prompts in a console. It belongs to the person
 * who typed the cmdlet (others in the conversation are not caught by it) and lapses after PROMPT_LIFETIME_MS.
 */
interface PendingPrompt {
  readonly script: string;
  readonly tenantId: string;
  readonly byUserId: string;
  readonly byTenantId: string;
  /** When it was asked (ISO), by the domain clock. */
  readonly askedAt: string;
  readonly cmdlet: string;
  readonly missing: readonly string[];
  readonly supplied: Readonly<Record<string, string>>;
}

/** What the console keeps per conversation: the connection (S-26) and an open prompt. */
interface ConsoleState extends MsCommerceSession {
  readonly prompt?: PendingPrompt;
}

const MISSING =
  /Cannot process command because of one or more missing mandatory parameters: ([\w ]+)\.$/m;

/** Runs cmdlets for one chat message. */
export class MsCommerceConsole {
  constructor(
    private readonly domain: Domain,
    private readonly engine: MsCommerceEngine,
  ) {}

  isScript(text: string): boolean {
    return this.engine.isScript(text);
  }

  /**
   * True while a cmdlet this person typed in this conversation waits for a parameter value. A prompt that has
   * lapsed (or was stored without an owner) is dropped here; someone else's prompt is left alone.
   */
  async hasPromptFor(context: TurnContext, caller: Caller): Promise<boolean> {
    const state = await this.state(context);
    const prompt = state.prompt;
    if (!prompt) return false;
    if (!this.isLive(prompt)) {
      await this.save(context, { connected: state.connected });
      return false;
    }
    return isOwner(prompt, caller);
  }

  /** Forgets the open prompt (the admin typed something else instead of its value). */
  async dropPrompt(context: TurnContext): Promise<void> {
    const state = await this.state(context);
    if (state.prompt) await this.save(context, { connected: state.connected });
  }

  /**
   * Runs a script. A single command missing mandatory parameters (say `Get-MSCommerceProductPolicies`, as the
   * app's command menu inserts it) is not an error: like PowerShell in a console, it asks for each value in turn.
   */
  async run(context: TurnContext, caller: Caller, tenantId: string, script: string): Promise<void> {
    const state = await this.state(context);
    const result = await this.engine.run(script, state, {
      policies: this.domain.policies,
      caller,
      tenantId,
    });
    const missing = MISSING.exec(result.output);
    const single = !/[\r\n;|]/.test(script.trim());
    if (missing?.[1] && single) {
      const cmdlet = script.trim().split(/\s+/)[0] ?? '';
      const prompt: PendingPrompt = {
        script,
        tenantId,
        byUserId: caller.userId,
        byTenantId: caller.tenantId,
        askedAt: this.domain.clock.now().toISOString(),
        cmdlet,
        missing: missing[1].split(' '),
        supplied: {},
      };
      await this.save(context, { connected: result.session.connected, prompt });
      await this.show(context, tenantId, promptText(prompt));
      return;
    }
    await this.save(context, { connected: result.session.connected });
    await this.show(context, tenantId, result.output);
  }

  /** The admin answered a prompt: the next parameter is asked, or the command runs with all of them. */
  async answerPrompt(context: TurnContext, caller: Caller, text: string): Promise<void> {
    const state = await this.state(context);
    const prompt = state.prompt;
    if (!prompt || !isOwner(prompt, caller) || !this.isLive(prompt)) return;
    const value = text.trim();
    if (value === '' || /^(cancel|avbryt)$/i.test(value)) {
      await this.save(context, { connected: state.connected });
      await this.show(
        context,
        prompt.tenantId,
        `${prompt.cmdlet} : The operation was cancelled; nothing ran.`,
      );
      return;
    }
    const [name, ...rest] = prompt.missing;
    const supplied = { ...prompt.supplied, [name ?? '']: value };
    if (rest.length > 0) {
      const next = {
        ...prompt,
        missing: rest,
        supplied,
        askedAt: this.domain.clock.now().toISOString(),
      };
      await this.save(context, { connected: state.connected, prompt: next });
      await this.show(context, prompt.tenantId, `${rest[0]}:`);
      return;
    }
    const args = Object.entries(supplied)
      .map(([parameter, v]) => ` -${parameter} '${v.replace(/'/g, "''")}'`)
      .join('');
    await this.save(context, { connected: state.connected });
    await this.run(context, caller, prompt.tenantId, `${prompt.script.trim()}${args}`);
  }

  private isLive(prompt: PendingPrompt): boolean {
    const asked = Date.parse(prompt.askedAt ?? '');
    return (
      prompt.byUserId !== undefined &&
      Number.isFinite(asked) &&
      this.domain.clock.now().getTime() - asked < PROMPT_LIFETIME_MS
    );
  }

  private async state(context: TurnContext): Promise<ConsoleState> {
    return (
      (await this.domain.records.read<ConsoleState>(
        stateKey(context.activity.conversation.id),
      )) ?? { connected: false }
    );
  }

  private async save(context: TurnContext, next: ConsoleState): Promise<void> {
    await this.domain.records.update<ConsoleState, void>(
      stateKey(context.activity.conversation.id),
      (current) =>
        JSON.stringify(current) === JSON.stringify(next)
          ? { result: undefined }
          : { write: next, result: undefined },
    );
  }

  private async show(context: TurnContext, tenantId: string, output: string): Promise<void> {
    const tenant = await this.domain.directory.getTenant(tenantId);
    const heading = localizerOf(context).t('admin.tenant', { tenant: tenant?.name ?? tenantId });
    await context.sendActivity({
      type: 'message',
      textFormat: 'markdown',
      text: `${heading}\n\n\`\`\`\n${fence(output)}\n\`\`\``,
    });
  }
}

function isOwner(prompt: PendingPrompt, caller: Caller): boolean {
  return prompt.byUserId === caller.userId && prompt.byTenantId === caller.tenantId;
}

/** PowerShell's own prompt for missing mandatory parameters. */
function promptText(prompt: PendingPrompt): string {
  return [
    `cmdlet ${prompt.cmdlet} at command pipeline position 1`,
    'Supply values for the following parameters:',
    `${prompt.missing[0] ?? ''}:`,
  ].join('\n');
}

/** Output never closes the code block early (a product name cannot contain three backticks, but be sure). */
function fence(output: string): string {
  return output.replace(/```/g, "'''").trimEnd();
}
