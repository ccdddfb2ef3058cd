// Teams re-delivers a message it thinks the bot missed (a slow answer, a dropped connection) with the SAME activity
// id. The messages handled in the last minutes are remembered in the store, so a re-delivery is acknowledged and not
// answered a second time, also when another bot instance sharing the store handled the first delivery.

import { createHash } from 'node:crypto';
import { ActivityTypes, type Activity } from 'botbuilder';
import type { Clock } from '../services/clock.js';
import type { Records } from '../services/store/records.js';

/** How long a handled message is remembered. */
export const REDELIVERY_WINDOW_MS = 10 * 60_000;

/** The record of one handled message: when it was first handled (ms since the epoch). */
interface Delivered {
  readonly at: number;
}

/** The set of time slices that hold handled messages, each slice a set record of its messages' keys. */
const SLICES_KEY = 'delivered:slices';

/**
 * Handled messages by (conversation id, activity id). The first delivery claims the message with the store's
 * insert-if-absent, so of two instances receiving the same message exactly one handles it. Records are listed by
 * the time slice (a tenth of the window) they were written in; a slice wholly older than the window is swept away,
 * so the store holds about one window of messages.
 */
export class DeliveredMessages {
  private readonly sliceMs: number;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly records: Records,
    private readonly clock: Clock,
    private readonly windowMs = REDELIVERY_WINDOW_MS,
  ) {
    this.sliceMs = Math.max(1, Math.floor(windowMs / 10));
  }

  /**
   * Whether the activity is a message already handled within the window (and so must not be answered again).
   * Otherwise it is recorded as handled now. Activities other than messages, and messages without an id or
   * conversation, are never repeats.
   */
  async isRepeat(activity: Partial<Activity>): Promise<boolean> {
    const conversationId = activity.conversation?.id;
    if (activity.type !== String(ActivityTypes.Message) || !activity.id || !conversationId) {
      return false;
    }
    const key = deliveredKey(conversationId, activity.id);
    const now = this.clock.now().getTime();
    const first = await this.claim(key, now);
    if (first) {
      await this.remember(key, now);
      await this.sweep(now);
    }
    return !first;
  }

  /** True when this delivery is the first within the window; writes the record that says so. */
  private async claim(key: string, now: number): Promise<boolean> {
    const store = this.records.store;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await store.insertIfAbsent<Delivered>(key, { at: now })) return true;
      const current = await store.get<Delivered>(key);
      if (!current) continue; // swept between the two calls: try to insert again
      if (now - current.value.at < this.windowMs) return false;
      // Handled longer ago than the window and not yet swept: this delivery is a new one.
      return store.compareAndSet<Delivered>(key, current.version, { at: now });
    }
    return false;
  }

  /** Lists the record under the time slice it was written in, for the sweep. */
  private async remember(key: string, now: number): Promise<void> {
    const slice = String(Math.floor(now / this.sliceMs));
    await this.records.addToSet(SLICES_KEY, slice);
    await this.records.addToSet(sliceKey(slice), key);
  }

  /**
   * Removes the records of slices that ended a whole window ago, at most once a slice per instance. A record
   * claimed again since (a new delivery of an old id) is younger than the window and stays.
   */
  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < this.sliceMs) return;
    this.lastSweep = now;
    const expired = Math.floor((now - this.windowMs) / this.sliceMs);
    for (const slice of await this.records.readSet(SLICES_KEY)) {
      if (Number(slice) >= expired) continue;
      for (const key of await this.records.readSet(sliceKey(slice))) {
        await this.records.deleteWhen<Delivered>(key, (d) => now - d.at >= this.windowMs);
      }
      await this.records.deleteWhen(sliceKey(slice), () => true);
      await this.records.removeFromSet(SLICES_KEY, slice);
    }
  }
}

/** Conversation ids can be long; the record's key is a fixed-length digest of both ids. */
function deliveredKey(conversationId: string, activityId: string): string {
  const digest = createHash('sha256').update(`${conversationId}\n${activityId}`).digest('hex');
  return `delivered:${digest}`;
}

function sliceKey(slice: string): string {
  return `delivered:slice:${slice}`;
}
