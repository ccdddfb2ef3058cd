// Delivers the domain's outbox to people: proactively where the bot can reach them, else when they next write.

import type { CloudAdapter, TurnContext } from 'botbuilder';
import { notificationCard } from '../cards/notificationCards.js';
import { Localizer } from '../locales/localizer.js';
import type { Caller } from '../services/access/actor.js';
import type { NotificationEvent } from '../services/notifications/events.js';
import type { NotificationOutbox } from '../services/notifications/outbox.js';
import { asReference, type ConversationReferences } from './conversationReferences.js';
import type { Logger } from './logger.js';
import { sendAbortably, sendProactively } from './proactive.js';
import type { Attachment } from 'botbuilder';

/** Renders one event as a card; admin notifications get their own (with actions). */
export type EventRenderer = (t: Localizer, event: NotificationEvent) => Attachment;

/**
 * How long a claim holds a person's events, and how long one send may take before it is abandoned. The lease is
 * renewed before every send, so it only has to outlast one send: with the timeout well below it, no other instance
 * (or pass) can take the events over while a send is still under way, and a slow connector (one that answers 429
 * with a long Retry-After) costs one timeout, after which the events are released for a later pass and the pass
 * moves on to the next person.
 */
export interface NotifierTiming {
  readonly leaseMs: number;
  readonly sendTimeoutMs: number;
}

export const DEFAULT_NOTIFIER_TIMING: NotifierTiming = { leaseMs: 60_000, sendTimeoutMs: 15_000 };

type Send = (attachments: Attachment[], signal: AbortSignal) => Promise<void>;

/**
 * Sends waiting notifications. Every delivery claims the person's events under its own token (so neither another
 * bot instance nor another delivery in this one sends them too), sends them one by one, each within a time limit
 * and under a freshly renewed lease, and marks each delivered once sent; a failed or timed-out send releases the
 * rest for the next attempt.
 */
export class Notifier {
  /** Tests shorten these; nothing else changes them. */
  timing: NotifierTiming;

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly references: ConversationReferences,
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
    private readonly render: EventRenderer = notificationCard,
    timing: NotifierTiming = DEFAULT_NOTIFIER_TIMING,
  ) {
    this.timing = timing;
  }

  /** Delivers inside a turn of the person who just wrote (they may never have been reachable before). */
  async deliverInTurn(context: TurnContext, caller: Caller): Promise<number> {
    return this.deliver(caller, (attachments, signal) =>
      sendAbortably(context, { attachments }, signal),
    );
  }

  /** One pass over everyone with something waiting who can be reached proactively. */
  async deliverAll(): Promise<number> {
    let sent = 0;
    for (const recipient of await this.outbox.recipientsWithPending()) {
      const reference = await this.references.get(recipient);
      if (!reference) continue;
      sent += await this.deliver(recipient, async (attachments, signal) => {
        await sendProactively(
          this.adapter,
          this.appId,
          asReference(reference),
          { attachments },
          signal,
        );
      });
    }
    return sent;
  }

  private async deliver(recipient: Caller, send: Send): Promise<number> {
    const { leaseMs, sendTimeoutMs } = this.timing;
    const { token, events } = await this.outbox.claim(recipient, leaseMs);
    if (events.length === 0) return 0;
    const reference = await this.references.get(recipient);
    const t = new Localizer(reference?.locale);
    const delivered: string[] = [];
    const left = (): string[] => events.filter((e) => !delivered.includes(e.id)).map((e) => e.id);
    let held = true;
    try {
      for (const event of events) {
        // The lease must outlast this send; if it already ran out and another delivery took the events over,
        // they are that delivery's to send now.
        if (!(await this.outbox.renew(recipient, token, left(), leaseMs))) {
          held = false;
          this.logger.warn('notification.claimLost', { recipient: recipient.userId });
          break;
        }
        await withTimeout(sendTimeoutMs, (signal) => send([this.render(t, event)], signal));
        delivered.push(event.id);
        await this.outbox.markDelivered(recipient, [event.id]);
      }
    } catch (error) {
      if (error instanceof SendTimeout) {
        this.logger.warn('notification.sendTimedOut', {
          recipient: recipient.userId,
          timeoutMs: sendTimeoutMs,
        });
      } else {
        this.logger.warn('notification.sendFailed', { recipient: recipient.userId, error });
      }
    } finally {
      const failed = left();
      if (held && failed.length) await this.outbox.release(recipient, token, failed);
    }
    if (delivered.length)
      this.logger.info('notification.delivered', {
        recipient: recipient.userId,
        count: delivered.length,
      });
    return delivered.length;
  }
}

/** A send abandoned because it took longer than the notifier allows. */
class SendTimeout extends Error {
  override readonly name = 'SendTimeout';
}

/** Runs `work` with a signal that fires after `ms`; a fired signal rejects with {@link SendTimeout}. */
async function withTimeout(
  ms: number,
  work: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      reject(new SendTimeout(`The send took longer than ${ms} ms.`));
    }, ms);
  });
  try {
    await Promise.race([work(controller.signal), expired]);
  } catch (error) {
    if (timedOut) throw new SendTimeout(`The send took longer than ${ms} ms.`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
