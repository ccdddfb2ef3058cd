// Where the bot can reach each person proactively: their personal-chat reference, validated and kept in the store.

import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Caller } from '../services/access/actor.js';
import type { Records } from '../services/store/records.js';

/** The parts of a reference proactive messaging needs; anything else Teams sends along is dropped. */
const referenceSchema = z.object({
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  user: z
    .object({
      id: z.string().min(1),
      name: z.string().optional(),
      aadObjectId: z.string().optional(),
    })
    .optional(),
  locale: z.string().optional(),
});

export type StoredReference = z.infer<typeof referenceSchema>;

const key = (c: Caller): string => `convref:${c.tenantId}:${c.userId}`;

/** Personal-chat references by person. */
export class ConversationReferences {
  constructor(private readonly records: Records) {}

  /** Saves (or refreshes) a person's personal-chat reference; an invalid reference is not stored. */
  async save(caller: Caller, reference: Partial<ConversationReference>): Promise<boolean> {
    const parsed = referenceSchema.safeParse(reference);
    if (!parsed.success) return false;
    const next = parsed.data;
    await this.records.update<StoredReference, void>(key(caller), (current) =>
      JSON.stringify(current) === JSON.stringify(next)
        ? { result: undefined }
        : { write: next, result: undefined },
    );
    return true;
  }

  async get(caller: Caller): Promise<StoredReference | undefined> {
    return this.records.read<StoredReference>(key(caller));
  }

  /** Forgets the reference (the app was uninstalled): nothing is sent there any more. */
  async remove(caller: Caller): Promise<void> {
    await this.records.deleteWhen(key(caller), () => true);
  }
}

/** A stored reference in the shape botbuilder's proactive API takes. */
export function asReference(stored: StoredReference): Partial<ConversationReference> {
  return stored as unknown as Partial<ConversationReference>;
}
