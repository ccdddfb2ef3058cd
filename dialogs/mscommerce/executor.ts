// runScript: the MSCommerce engine's entry point; parse the whole script, run it as the chat user, format the output.

import type { Caller } from '../../services/access/actor.js';
import { positionText } from './errorTexts.js';
import { formatOutput, type OutputItem } from './formatter.js';
import { Interpreter } from './interpreter.js';
import type { PolicyApi } from './moduleCmdlets.js';
import { parseScript } from './parser.js';

/** What lasts between messages of one conversation (S-26): whether Connect-MSCommerce has run. */
export interface MsCommerceSession {
  readonly connected: boolean;
}

export interface MsCommerceDeps {
  readonly policies: PolicyApi;
  /** The chat user. */
  readonly caller: Caller;
  /** The tenant acted on: the caller's own, or the partner's customer (S-26). */
  readonly tenantId: string;
  /** Told about back-end exceptions (store or directory down), which the output shows as 503 errors; for logs. */
  readonly report?: (error: unknown) => void;
}

/** What a script did: the text for a monospace block, the items behind it, and the session afterwards. */
export interface ScriptRun {
  readonly text: string;
  readonly output: readonly OutputItem[];
  readonly session: MsCommerceSession;
  /** True when the script had a syntax error and nothing ran. */
  readonly parseFailed: boolean;
}

/**
 * Parses the whole script first (a syntax error refuses all of it, as PowerShell does), then runs its statements
 * in order. A failing command writes an error and the next statement still runs (the module's non-terminating
 * errors, and binding errors that end only their own statement); "not connected" is a `throw` in the module and
 * stops the script. The session is not changed in place: the returned one is what to keep. Never throws for
 * anything the user typed; the policy service's own failures arrive as refusals and are shown as HTTP errors.
 */
export async function runScript(
  script: string,
  session: MsCommerceSession,
  deps: MsCommerceDeps,
): Promise<ScriptRun> {
  const parsed = parseScript(script);
  if (!parsed.ok) {
    const { offset, length, message } = parsed.error;
    const text = `${positionText(parsed.source, offset, length)}\n${message}`;
    const output: OutputItem[] = [{ kind: 'error', text }];
    return { text: formatOutput(output), output, session, parseFailed: true };
  }
  const interpreter = new Interpreter(parsed.script.source, session.connected, deps);
  await interpreter.run(parsed.script.statements);
  return {
    text: truncated(formatOutput(interpreter.output)),
    output: interpreter.output,
    session: { connected: interpreter.connected },
    parseFailed: false,
  };
}

/** A chat message has a size limit (about 28 KB in Teams); a longer answer keeps its beginning and says so. */
const MAX_TEXT = 20_000;

function truncated(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  const cut = text.lastIndexOf('\n', MAX_TEXT);
  const kept = text.slice(0, cut > 0 ? cut : MAX_TEXT);
  return `${kept}\n... (output truncated: ${text.length - kept.length} more characters)`;
}
