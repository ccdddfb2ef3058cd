// Expands Adaptive Card templates with adaptivecards-templating, and builds the actions cards carry.

import { randomUUID } from 'node:crypto';
import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import type { Verb } from './verbs.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** An Adaptive Card as JSON. */
export type CardJson = Record<string, unknown>;

/** Expands a template with data; the template holds layout only, the data holds localized, escaped text. */
export function expand(template: CardJson, data: Record<string, unknown>): CardJson {
  return new ACData.Template(template).expand({ $root: data }) as CardJson;
}

/** Wraps a card as a message attachment. */
export function attachment(card: CardJson): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/**
 * Escapes text people typed (names, messages, reasons) for a TextBlock or FactSet, whose text is Markdown: no
 * emphasis, link or list can be forged through it. Free-form messages go in a RichTextBlock TextRun instead,
 * which is never Markdown.
 */
export function plain(text: string | undefined): string {
  if (!text) return '';
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]()~<>]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+#]|\d+\.)/, '$1\\$2');
}

/** A new id for the actions of one card: every operation started from the card is keyed on it. */
export function newActionId(): string {
  return randomUUID();
}

/**
 * A button: Action.Execute (Teams replaces the card with the handler's result), with Action.Submit as fallback
 * for clients without Universal Actions. Both carry the verb and the same data.
 */
export function action(
  title: string,
  verb: Verb,
  data: Record<string, unknown> = {},
  options: { style?: 'positive' | 'destructive'; associatedInputs?: 'auto' | 'none' } = {},
): CardJson {
  const payload = { ...data, verb };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: payload,
    associatedInputs: options.associatedInputs ?? 'auto',
    ...(options.style ? { style: options.style } : {}),
    fallback: {
      type: 'Action.Submit',
      title,
      data: payload,
      ...(options.style ? { style: options.style } : {}),
    },
  };
}
