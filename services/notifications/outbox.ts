// The durable outbox: per-person inboxes in the store, claimed with a lease, marked delivered once sent.

import { randomUUID } from 'node:crypto';
import type { Records } from '../store/records.js';
import type { Clock } from '../clock.js';
import type { EmitsEvents, NotificationEvent } from './events.js';

/** An event waiting for, or past, delivery. */
export interface InboxItem {
  readonly event: NotificationEvent;
  readonly state: 'pending' | 'delivered';
  /** While a bot instance is sending it; another instance leaves it alone until the lease ends. */
  readonly claimedBy?: string;
  readonly claimUntil?: string;
  readonly attempts: number;
  readonly deliveredAt?: string;
}

interface Inbox {
  readonly items: readonly InboxItem[];
}

/** Delivered items kept per person, so a late duplicate of an old event is still recognised. */
const DELIVERED_KEPT = 200;
const PENDING_INDEX = 'index:inbox-pending';

/** Identifies one person's inbox. */
export interface Recipient {
  readonly tenantId: string;
  readonly userId: string;
}

function inboxKey(r: Recipient): string {
  return `inbox:${r.tenantId}:${r.userId}`;
}

/** Events handed out by one {@link NotificationOutbox.claim}, and the token that claim holds them under. */
export interface Claim {
  readonly token: string;
  readonly events: NotificationEvent[];
}

/** Whether a live claim holds the item at `now` (an expired lease holds nothing). */
function heldAt(item: InboxItem, now: number): boolean {
  return (
    item.claimedBy !== undefined &&
    (item.claimUntil === undefined || Date.parse(item.claimUntil) > now)
  );
}

function recipientId(r: Recipient): string {
  return `${r.tenantId}/${r.userId}`;
}

/**
 * Moves events from the records that emitted them into per-person inboxes, and hands them to the bot for
 * delivery. Nothing is lost: an event leaves its record only after its inbox holds it, and leaves the inbox only
 * when the bot says it was delivered. Nothing is stored twice: event ids are deterministic.
 */
export class NotificationOutbox {
  constructor(
    private readonly records: Records,
    private readonly clock: Clock,
  ) {}

  /** Hands the record's pending events to their inboxes, then removes them from the record. */
  async flush<T extends EmitsEvents>(recordKey: string): Promise<void> {
    const record = await this.records.read<T>(recordKey);
    const events = record?.outbox ?? [];
    if (events.length === 0) return;
    for (const event of events) await this.enqueue(event);
    const flushed = new Set(events.map((e) => e.id));
    await this.records.update<T, void>(recordKey, (current) => {
      if (!current?.outbox?.some((e) => flushed.has(e.id))) return { result: undefined };
      return {
        write: { ...current, outbox: current.outbox.filter((e) => !flushed.has(e.id)) },
        result: undefined,
      };
    });
  }

  /** Adds one event to its recipient's inbox, once. */
  async enqueue(event: NotificationEvent): Promise<void> {
    const recipient = { tenantId: event.tenantId, userId: event.recipientUserId };
    await this.records.update<Inbox, void>(inboxKey(recipient), (current) => {
      const items = current?.items ?? [];
      if (items.some((i) => i.event.id === event.id)) return { result: undefined };
      return {
        write: { items: [...items, { event, state: 'pending', attempts: 0 }] },
        result: undefined,
      };
    });
    await this.records.addToSet(PENDING_INDEX, recipientId(recipient));
  }

  /** Everyone with something pending; the bot's delivery loop walks this. */
  async recipientsWithPending(): Promise<Recipient[]> {
    return (await this.records.readSet(PENDING_INDEX)).map((id) => {
      const [tenantId = '', userId = ''] = id.split('/');
      return { tenantId, userId };
    });
  }

  /** Pending events of a person, without claiming them (for display). */
  async pending(recipient: Recipient): Promise<NotificationEvent[]> {
    const inbox = await this.records.read<Inbox>(inboxKey(recipient));
    return (inbox?.items ?? []).filter((i) => i.state === 'pending').map((i) => i.event);
  }

  /**
   * Claims the person's pending events for `leaseMs` under a token of this claim alone: nobody else (another bot
   * instance, or another pass of the same one) gets them while the lease lasts; only an expired lease can be taken
   * over. The caller sends them and then calls {@link markDelivered}, or {@link release} when sending failed; a send
   * that may take a while first {@link renew}s the lease.
   */
  async claim(recipient: Recipient, leaseMs: number): Promise<Claim> {
    const token = randomUUID();
    const now = this.clock.now();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const events = await this.records.update<Inbox, NotificationEvent[]>(
      inboxKey(recipient),
      (current) => {
        const items = current?.items ?? [];
        const claimable = (i: InboxItem): boolean =>
          i.state === 'pending' && !heldAt(i, now.getTime());
        const claimed = items.filter(claimable).map((i) => i.event);
        if (claimed.length === 0) return { result: [] };
        const next = items.map((i) =>
          claimable(i)
            ? { ...i, claimedBy: token, claimUntil: until, attempts: i.attempts + 1 }
            : i,
        );
        return { write: { items: next }, result: claimed };
      },
    );
    return { token, events };
  }

  /**
   * Extends the lease of a claim's events that are still pending; false when the claim no longer holds all of
   * them (its lease ran out and someone else took them over): the caller must then stop sending them.
   */
  async renew(
    recipient: Recipient,
    token: string,
    eventIds: readonly string[],
    leaseMs: number,
  ): Promise<boolean> {
    const ids = new Set(eventIds);
    const now = this.clock.now();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    return this.records.update<Inbox, boolean>(inboxKey(recipient), (current) => {
      const items = current?.items ?? [];
      const ours = items.filter((i) => ids.has(i.event.id) && i.state === 'pending');
      if (ours.length !== ids.size || ours.some((i) => i.claimedBy !== token)) {
        return { result: false };
      }
      const next = items.map((i) =>
        ids.has(i.event.id) && i.state === 'pending' ? { ...i, claimUntil: until } : i,
      );
      return { write: { items: next }, result: true };
    });
  }

  /** Marks events as sent; they are never handed out again. */
  async markDelivered(recipient: Recipient, eventIds: readonly string[]): Promise<void> {
    const ids = new Set(eventIds);
    const at = this.clock.now().toISOString();
    const remaining = await this.records.update<Inbox, number>(inboxKey(recipient), (current) => {
      const items = current?.items ?? [];
      const next = items.map((i): InboxItem => {
        if (!ids.has(i.event.id) || i.state === 'delivered') return i;
        return { event: i.event, state: 'delivered', attempts: i.attempts, deliveredAt: at };
      });
      const pendingCount = next.filter((i) => i.state === 'pending').length;
      const delivered = next.filter((i) => i.state === 'delivered');
      const trimmed = [
        ...next.filter((i) => i.state === 'pending'),
        ...delivered.slice(Math.max(0, delivered.length - DELIVERED_KEPT)),
      ];
      return { write: { items: trimmed }, result: pendingCount };
    });
    if (remaining === 0) await this.dropFromIndexIfEmpty(recipient);
  }

  /**
   * Gives a claim's events back after a failed send, so the next attempt (or instance) picks them up. Events the
   * claim no longer holds (its lease ran out and another claim took them) are left to that claim.
   */
  async release(recipient: Recipient, token: string, eventIds: readonly string[]): Promise<void> {
    const ids = new Set(eventIds);
    await this.records.update<Inbox, void>(inboxKey(recipient), (current) => {
      const items = current?.items ?? [];
      if (!items.some((i) => ids.has(i.event.id) && i.state === 'pending' && i.claimedBy === token))
        return { result: undefined };
      const next = items.map((i): InboxItem => {
        if (!ids.has(i.event.id) || i.state !== 'pending' || i.claimedBy !== token) return i;
        return { event: i.event, state: 'pending', attempts: i.attempts };
      });
      return { write: { items: next }, result: undefined };
    });
  }

  private async dropFromIndexIfEmpty(recipient: Recipient): Promise<void> {
    await this.records.removeFromSet(PENDING_INDEX, recipientId(recipient));
    // An event may have arrived between the two updates; put the person back if so.
    if ((await this.pending(recipient)).length > 0) {
      await this.records.addToSet(PENDING_INDEX, recipientId(recipient));
    }
  }
}
