// What every card action handler receives, and the shape of a handler.

import type { Attachment, TurnContext } from 'botbuilder';
import type { VerbData, Verb } from '../../cards/verbs.js';
import type { PrivateSender } from '../../dialogs/mainDialog.js';
import type { Localizer } from '../../locales/localizer.js';
import type { Caller } from '../../services/access/actor.js';
import type { Domain } from '../../services/domain.js';
import type { Logger } from '../logger.js';
import type { CsvExporter } from '../../dialogs/admin/csvExporter.js';

export interface ActionContext {
  readonly turn: TurnContext;
  readonly caller: Caller;
  readonly t: Localizer;
  readonly domain: Domain;
  /** True in the one-to-one chat; private details never go anywhere else. */
  readonly personal: boolean;
  readonly sendPrivately: PrivateSender;
  readonly logger: Logger;
  readonly exporter: CsvExporter;
}

/** Handles one verb; returns the card that replaces the one that was clicked. */
export type ActionHandler<V extends Verb> = (
  ctx: ActionContext,
  data: VerbData<V>,
) => Promise<Attachment>;

export type ActionHandlers = { readonly [V in Verb]: ActionHandler<V> };
