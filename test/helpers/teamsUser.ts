// Plays a person in Teams: sends messages, installs, and clicks card buttons over HTTP to the real bot server.

import { randomUUID } from 'node:crypto';
import type { Caller } from '../../services/access/actor.js';
import type { ConnectorStandIn } from './connectorStandIn.js';

type CardJson = Record<string, unknown>;

export interface TeamsUserOptions {
  readonly botUrl: string;
  readonly serviceUrl: string;
  readonly connector: ConnectorStandIn;
  readonly caller: Caller;
  readonly name: string;
  readonly locale?: string;
  /** personal (default), groupChat or channel. */
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  readonly conversationId?: string;
}

/** What one request gave back: the HTTP status, the invoke body and the messages sent meanwhile. */
export interface Exchange {
  readonly status: number;
  readonly body: unknown;
  readonly replies: Record<string, unknown>[];
}

/** A Teams user talking to the bot. */
export class TeamsUser {
  readonly conversationId: string;

  constructor(private readonly o: TeamsUserOptions) {
    this.conversationId = o.conversationId ?? `a:personal-${o.caller.userId}`;
  }

  /** Types a message; in a group chat, `mention` adds the @mention Teams would. */
  say(text: string, options: { mention?: boolean } = {}): Promise<Exchange> {
    const mention = options.mention ? '<at>SSP Bot</at> ' : '';
    const entities = options.mention
      ? [
          {
            type: 'mention',
            text: '<at>SSP Bot</at>',
            mentioned: { id: 'bot-id', name: 'SSP Bot' },
          },
        ]
      : [];
    return this.send({ type: 'message', text: `${mention}${text}`, entities });
  }

  /** The installationUpdate Teams sends when the app is added (or removed). */
  install(action: 'add' | 'remove' = 'add'): Promise<Exchange> {
    return this.send({ type: 'installationUpdate', action });
  }

  /** Presses an Action.Execute button of a card (the invoke Teams sends); the body holds the replacing card. */
  async execute(
    card: CardJson,
    title: string,
    inputs: Record<string, string> = {},
  ): Promise<Exchange> {
    const action = findAction(card, title);
    const data = { ...(action.data as Record<string, unknown>), ...inputDefaults(card), ...inputs };
    return this.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: action.verb, data } },
    });
  }

  /** Presses the Action.Submit fallback of a button (clients without Universal Actions). */
  submit(
    card: CardJson,
    title: string,
    inputs: Record<string, string> = {},
    replyToId = 'card-1',
  ): Promise<Exchange> {
    const action = findAction(card, title);
    const fallback = (action.fallback as CardJson | undefined) ?? action;
    return this.send({
      type: 'message',
      value: { ...(fallback.data as Record<string, unknown>), ...inputDefaults(card), ...inputs },
      replyToId,
    });
  }

  /** Sends any activity as this user; returns what came back. */
  async send(partial: Record<string, unknown>): Promise<Exchange> {
    const before = this.o.connector.calls.length;
    const activity = {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.o.serviceUrl,
      timestamp: new Date().toISOString(),
      locale: this.o.locale ?? 'en-US',
      from: {
        id: `29:${this.o.caller.userId}`,
        name: this.o.name,
        aadObjectId: this.o.caller.userId,
      },
      recipient: { id: 'bot-id', name: 'SSP Bot' },
      conversation: {
        id: this.conversationId,
        conversationType: this.o.conversationType ?? 'personal',
        tenantId: this.o.caller.tenantId,
        isGroup: (this.o.conversationType ?? 'personal') !== 'personal',
      },
      channelData: { tenant: { id: this.o.caller.tenantId } },
      ...partial,
    };
    const response = await fetch(`${this.o.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      replies: this.o.connector.calls.slice(before).map((c) => c.activity),
    };
  }
}

/** The values a client sends for the card's inputs the person did not touch (their defaults), as strings. */
export function inputDefaults(card: CardJson): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as CardJson;
      const id = o.id;
      if (
        typeof o.type === 'string' &&
        o.type.startsWith('Input.') &&
        typeof id === 'string' &&
        (typeof o.value === 'string' ||
          typeof o.value === 'number' ||
          typeof o.value === 'boolean') &&
        o.value !== ''
      ) {
        values[id] = String(o.value);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return values;
}

/** The button with this title anywhere in a card (top-level actions or ActionSets), or an error naming the others. */
export function findAction(card: CardJson, title: string): CardJson {
  const actions: CardJson[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as CardJson;
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string')
        actions.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  const found = actions.find((a) => a.title === title);
  if (!found)
    throw new Error(
      `No button "${title}"; the card has: ${actions.map((a) => String(a.title)).join(', ')}`,
    );
  return found;
}

/** The Adaptive Card of the last reply that has one. */
export function lastCard(replies: readonly Record<string, unknown>[]): CardJson {
  for (let i = replies.length - 1; i >= 0; i -= 1) {
    const attachments = replies[i]?.attachments as { content?: CardJson }[] | undefined;
    const content = attachments?.[0]?.content;
    if (content) return content;
  }
  throw new Error(
    `No card among ${replies.length} replies: ${JSON.stringify(replies).slice(0, 500)}`,
  );
}

/** The card an invoke returned (Action.Execute replaces the clicked card with it). */
export function invokeCard(exchange: Exchange): CardJson {
  const body = exchange.body as { statusCode?: number; value?: CardJson } | undefined;
  if (exchange.status !== 200 || !body?.value) {
    throw new Error(
      `Invoke failed: ${exchange.status} ${JSON.stringify(exchange.body).slice(0, 300)}`,
    );
  }
  return body.value;
}

/** All visible text of a card, for assertions a person would make ("it says Already done"). */
export function cardText(card: CardJson): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as CardJson;
      for (const key of ['text', 'title', 'value', 'label'])
        if (typeof o[key] === 'string') texts.push(o[key]);
      Object.entries(o).forEach(([k, v]) => k !== 'data' && walk(v));
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The text of plain message replies. */
export function replyTexts(replies: readonly Record<string, unknown>[]): string[] {
  return replies.map((r) => (typeof r.text === 'string' ? r.text : '')).filter((t) => t.length > 0);
}

/** The first reply card whose text contains `text` (replies may also carry notifications delivered meanwhile). */
export function cardWith(replies: readonly Record<string, unknown>[], text: string): CardJson {
  for (const reply of replies) {
    const attachments = reply.attachments as { content?: CardJson }[] | undefined;
    const content = attachments?.[0]?.content;
    if (content && cardText(content).includes(text)) return content;
  }
  throw new Error(
    `No card with "${text}" among: ${replies.map((r) => JSON.stringify(r).slice(0, 200)).join(' | ')}`,
  );
}

/** Everything the replies show, text and cards (each reply's text and first card, replies apart by ---). */
export function shown(replies: readonly Record<string, unknown>[]): string {
  return replies
    .map((r) => {
      const card = (r.attachments as { content?: CardJson }[] | undefined)?.[0]?.content;
      return [typeof r.text === 'string' ? r.text : '', card ? cardText(card) : ''].join('\n');
    })
    .join('\n---\n');
}

/** The title of the card's button that starts with `start` (pick buttons end with the purchase date). */
export function buttonStarting(card: CardJson, start: string): string {
  const titles = [...JSON.stringify(card).matchAll(/"title":"([^"]*)"/g)].map((m) => m[1] ?? '');
  const title = titles.find((t) => t.startsWith(start));
  if (!title) throw new Error(`No button starting "${start}" among ${titles.join(', ')}`);
  return title;
}

/** Everything the bot answered in an exchange: message texts and the texts of all their cards. */
export function allText(exchange: Exchange): string {
  return exchange.replies
    .map((r) =>
      [
        typeof r.text === 'string' ? r.text : '',
        ...((r.attachments as { content?: CardJson }[] | undefined) ?? []).map((a) =>
          a.content ? cardText(a.content) : '',
        ),
      ].join('\n'),
    )
    .join('\n');
}
