// The two generic card shapes every flow uses: a message (title, text, facts, actions) and a form.

import type { Attachment } from 'botbuilder';
import * as ACData from 'adaptivecards-templating';
import form from './templates/form.json' with { type: 'json' };
import message from './templates/message.json' with { type: 'json' };
import { attachment, expand, type CardJson } from './render.js';

// A field the data does not provide renders as nothing, never as the raw "${binding}".
ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = () => '';

export interface Fact {
  readonly title: string;
  readonly value: string;
}

/** What a message card shows; every string is already localized and escaped. */
export interface MessageCard {
  readonly title: string;
  readonly text?: string;
  readonly facts?: readonly Fact[];
  /** Text someone typed (an admin's message): shown verbatim in a TextRun, never as Markdown. */
  readonly quote?: string;
  readonly bullets?: readonly string[];
  readonly note?: string;
  readonly color?: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
  readonly actions?: readonly CardJson[];
}

/** A message card. */
export function messageCard(card: MessageCard): Attachment {
  return attachment(
    expand(message, {
      title: card.title,
      text: card.text ?? '',
      facts: card.facts ?? [],
      quote: card.quote ?? '',
      bullets: card.bullets ?? [],
      note: card.note ?? '',
      color: card.color ?? 'Default',
      actions: card.actions ?? [],
    }),
  );
}

export interface Choice {
  readonly title: string;
  readonly value: string;
}

/** Inputs of a form card; labels, required flags and error messages always present (accessibility). */
export interface FormCard {
  readonly title: string;
  readonly text?: string;
  readonly facts?: readonly Fact[];
  readonly choiceSets?: readonly {
    id: string;
    label: string;
    choices: readonly Choice[];
    multi?: boolean;
    style?: 'compact' | 'expanded';
    value?: string;
    required?: boolean;
    errorMessage: string;
  }[];
  readonly numbers?: readonly {
    id: string;
    label: string;
    value: number;
    min: number;
    max: number;
    errorMessage: string;
  }[];
  readonly texts?: readonly {
    id: string;
    label: string;
    placeholder?: string;
    multiline?: boolean;
    required?: boolean;
    maxLength?: number;
    regex?: string;
    errorMessage: string;
  }[];
  readonly note?: string;
  readonly actions: readonly CardJson[];
}

/** A form card. */
export function formCard(card: FormCard): Attachment {
  return attachment(
    expand(form, {
      title: card.title,
      text: card.text ?? '',
      facts: card.facts ?? [],
      choiceSets: (card.choiceSets ?? []).map((c) => ({
        ...c,
        multi: c.multi ?? false,
        style: c.style ?? 'compact',
        value: c.value ?? '',
        required: c.required ?? false,
      })),
      numbers: card.numbers ?? [],
      texts: (card.texts ?? []).map((x) => ({
        ...x,
        placeholder: x.placeholder ?? '',
        multiline: x.multiline ?? false,
        required: x.required ?? false,
        maxLength: x.maxLength ?? 500,
        regex: x.regex ?? '^[\\s\\S]*$',
      })),
      note: card.note ?? '',
      actions: card.actions,
    }),
  );
}
