// Delivers the domain's outbox to people: proactively where the bot can reach them, else when they next write.

import { randomUUID } from 'node:crypto';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { notificationCard } from '../cards/notificationCards.js';
import { Localizer } from '../locales/localizer.js';
import type { Caller } from '../services/access/actor.js';
import type { NotificationEvent } from '../services/notifications/events.js';
import type { NotificationOutbox } from '../services/notifications/outbox.js';
import { asReference, type ConversationReferences } from './conversationReferences.js';
import type { Logger } from './logger.js';
import { sendProactively } from './proactive.js';
import type { Attachment } from 'botbuilder';

/** Renders one event as a card; admin notifications get their own (with actions). */
export type EventRenderer = (t: Localizer, event: NotificationEvent) => Attachment;

/** How long one instance holds claimed events while sending them. */
const LEASE_MS = 60_000;

/**
 * Sends waiting notifications. Events are claimed (so two bot instances do not both send them), sent, and only
 * then marked delivered; a failed send releases them for the next attempt.
 */
export class Notifier {
  private readonly workerId = randomUUID();

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly references: ConversationReferences,
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
    private readonly render: EventRenderer = notificationCard,
  ) {}

  /** Delivers inside a turn of the person who just wrote (they may never have been reachable before). */
  async deliverInTurn(context: TurnContext, caller: Caller): Promise<number> {
    return this.deliver(caller, (attachments) =>
      context.sendActivity({ attachments }).then(() => undefined),
    );
  }

  /** One pass over everyone with something waiting who can be reached proactively. */
  async deliverAll(): Promise<number> {
    let sent = 0;
    for (const recipient of await this.outbox.recipientsWithPending()) {
      const reference = await this.references.get(recipient);
      if (!reference) continue;
      sent += await this.deliver(recipient, async (attachments) => {
        await sendProactively(this.adapter, this.appId, asReference(reference), { attachments });
      });
    }
    return sent;
  }

  private async deliver(
    recipient: Caller,
    send: (attachments: Attachment[]) => Promise<void>,
  ): Promise<number> {
    const events = await this.outbox.claim(recipient, this.workerId, LEASE_MS);
    if (events.length === 0) return 0;
    const reference = await this.references.get(recipient);
    const t = new Localizer(reference?.locale);
    const delivered: string[] = [];
    try {
      for (const event of events) {
        await send([this.render(t, event)]);
        delivered.push(event.id);
      }
    } catch (error) {
      this.logger.warn('notification.sendFailed', { recipient: recipient.userId, error });
    } finally {
      if (delivered.length) await this.outbox.markDelivered(recipient, delivered);
      const failed = events.filter((e) => !delivered.includes(e.id)).map((e) => e.id);
      if (failed.length) await this.outbox.release(recipient, failed);
    }
    if (delivered.length)
      this.logger.info('notification.delivered', {
        recipient: recipient.userId,
        count: delivered.length,
      });
    return delivered.length;
  }
}
