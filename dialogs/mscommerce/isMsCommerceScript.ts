// Tells the bot whether a message is MSCommerce PowerShell to run, before any plain-language reading of it.

import { findBuiltin } from './builtins.js';
import { CMDLETS } from './cmdletSpecs.js';
import { normalizeScript } from './scanner.js';

const NAMES = CMDLETS.map((c) => c.name.toLowerCase());

/**
 * True when the text, after leading blank lines and comments, starts with one of the module's cmdlets (any case)
 * or anything shaped like one (`Verb-MSCommerce…`, so that a misspelt cmdlet gets PowerShell's "not recognized"),
 * or is a script built around one: `foreach (`, `$x = …`, a pipeline from a variable, an array or a quoted id,
 * a `Write-Host` line (or another cmdlet the engine knows), or the `Install-Module` / `Import-Module MSCommerce`
 * lines copied from the docs, with a cmdlet further on.
 */
export function isMsCommerceScript(text: string): boolean {
  const lower = withoutLeadingComments(normalizeScript(text)).toLowerCase();
  if (NAMES.some((name) => startsWithWord(lower, name))) return true;
  if (/^[a-z]+-mscommerce/.test(lower)) return true;
  if (!NAMES.some((name) => lower.includes(name))) return false;
  const first = /^[a-z]+-[a-z]+(?![\w-])/.exec(lower)?.[0];
  return (
    (first !== undefined && findBuiltin(first) !== undefined) ||
    /^foreach\s*\(/.test(lower) ||
    /^\$[\w:]+\s*=/.test(lower) ||
    /^(\$|@\(|'|")/.test(lower) ||
    /^(install|import)-module\s[^\n]*mscommerce/.test(lower)
  );
}

function startsWithWord(text: string, word: string): boolean {
  return text.startsWith(word) && !/[\w-]/.test(text[word.length] ?? '');
}

function withoutLeadingComments(text: string): string {
  let rest = text;
  for (;;) {
    const trimmed = rest.replace(/^[\s;]+/, '');
    if (trimmed.startsWith('<#')) {
      const close = trimmed.indexOf('#>');
      if (close === -1) return '';
      rest = trimmed.slice(close + 2);
    } else if (trimmed.startsWith('#')) {
      const newline = trimmed.indexOf('\n');
      if (newline === -1) return '';
      rest = trimmed.slice(newline + 1);
    } else {
      return trimmed;
    }
  }
}
