// Builds notification events with deterministic ids, so the same happening is never stored twice.

import type { Facts } from '../result.js';
import type { NotificationEvent, NotificationKind } from './events.js';

/** What an event is about and who gets it. */
export interface EventSpec {
  readonly kind: NotificationKind;
  readonly tenantId: string;
  readonly recipientUserId: string;
  readonly subjectId: string;
  /** Distinguishes repeated events of one kind on one subject (an order id, an operation id). */
  readonly occurrence: string;
  readonly facts: Facts;
}

/** One event; its id is derived from kind, subject, occurrence and recipient. */
export function makeEvent(spec: EventSpec, now: Date): NotificationEvent {
  return {
    id: `${spec.kind}:${spec.subjectId}:${spec.occurrence}:${spec.recipientUserId}`,
    kind: spec.kind,
    tenantId: spec.tenantId,
    recipientUserId: spec.recipientUserId,
    createdAt: now.toISOString(),
    subjectId: spec.subjectId,
    facts: spec.facts,
  };
}

/** The same event for several people (each admin gets their own copy). */
export function eventsFor(
  recipients: readonly string[],
  spec: Omit<EventSpec, 'recipientUserId'>,
  now: Date,
): NotificationEvent[] {
  return [...new Set(recipients)].map((recipientUserId) =>
    makeEvent({ ...spec, recipientUserId }, now),
  );
}
