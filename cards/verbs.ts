// Every card action: its verb (the same string in the card and the handler) and a zod schema for its data.

import { z } from 'zod';

const id = z.string().trim().min(1).max(100);
const actionId = z.string().uuid({ message: 'the card is not one this bot sent' });
const productId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{12}$/, 'not a product id');
const quantity = z.coerce
  .number({ message: 'not a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(10_000, 'must be at most 10,000');
/** Card inputs arrive as strings; empty inputs are absent. */
const optionalInput = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** A new card typed into a card form; the number never leaves the handler that tokenizes it. */
const newCard = {
  cardChoice: optionalInput,
  cardNumber: optionalInput,
  cardExpiry: optionalInput,
  cardCvc: optionalInput,
  cardHolder: optionalInput,
};

export const VERB_SCHEMAS = {
  'help.show': z.object({}),
  'products.list': z.object({}),
  'eligibility.check': z.object({ productId }),
  'purchase.start': z.object({ productId, quantity: quantity.optional() }),
  'purchase.confirm': z.object({ actionId, productId, quantity, ...newCard }),
  'purchase.abandon': z.object({}),
  'trial.form': z.object({ productId }),
  'trial.start': z.object({
    actionId,
    productId,
    withCard: z.enum(['yes', 'no']).default('no'),
    ...newCard,
  }),
  'purchases.list': z.object({}),
  'subscription.show': z.object({ subscriptionId: id }),
  'licenses.assignForm': z.object({ subscriptionId: id }),
  'licenses.assign': z.object({
    actionId,
    subscriptionId: id,
    colleagues: optionalInput,
    others: z.string().trim().max(2000).optional(),
  }),
  'licenses.unassign': z.object({
    actionId,
    subscriptionId: id,
    assigned: z.string().trim().max(4000).optional(),
  }),
  'quantity.form': z.object({ subscriptionId: id }),
  'quantity.change': z.object({ actionId, subscriptionId: id, quantity }),
  'cancel.preview': z.object({ subscriptionId: id }),
  'cancel.confirm': z.object({ actionId, subscriptionId: id }),
  'invoices.list': z.object({ period: z.enum(['3', '6']).default('3') }),
  'invoice.pay': z.object({ actionId, invoiceId: id }),
  'card.form': z.object({ subscriptionId: id }),
  'card.update': z.object({ actionId, subscriptionId: id, ...newCard }),
  'request.form': z.object({ productId }),
  'request.submit': z.object({
    actionId,
    productId,
    forSelf: z.enum(['true', 'false']).default('true'),
    others: z.string().trim().max(2000).optional(),
    message: z.string().trim().max(500).optional(),
  }),
  // Admin side (§4): tenantId is the tenant acted on (a partner's customer, or the admin's own).
  'note.decide': z.object({
    actionId,
    tenantId: id,
    subscriptionId: id,
    decision: z.enum(['keep', 'turnOff', 'cancel']),
  }),
  'takeover.form': z.object({ tenantId: id, subscriptionId: id }),
  'takeover.move': z.object({ actionId, tenantId: id, subscriptionId: id, target: id }),
  'takeover.cancel': z.object({
    actionId,
    tenantId: id,
    subscriptionId: id,
    reason: z.string().trim().min(1, 'give a reason').max(300),
  }),
  'admin.reactivate': z.object({ actionId, tenantId: id, subscriptionId: id }),
  'admin.purchases': z.object({
    tenantId: id,
    page: z.coerce.number().int().min(0).max(10_000).default(0),
    productId: optionalInput,
    purchaser: optionalInput,
    status: z
      .enum(['Active', 'Expired', 'Disabled', 'Deleted'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    channel: z
      .enum(['SelfService', 'Central', 'All'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    kind: z
      .enum(['purchases', 'trials', 'all'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
  }),
  'admin.purchase': z.object({ tenantId: id, subscriptionId: id }),
  'admin.export': z.object({
    tenantId: id,
    productId: optionalInput,
    purchaser: optionalInput,
    status: optionalInput,
    channel: optionalInput,
    kind: optionalInput,
  }),
  'policy.card': z.object({ tenantId: id }),
  /** The policy card's choices arrive as one input per product, named `p_<productId>`. */
  'policy.save': z.looseObject({ actionId, tenantId: id }),
  'audit.show': z.object({ tenantId: id }),
  'requests.list': z.object({ tenantId: id }),
  'request.decide': z.object({
    actionId,
    tenantId: id,
    requestId: id,
    decision: z.enum(['approve', 'deny']),
    approveUsers: z.string().trim().max(4000).optional(),
    centralSubscriptionId: optionalInput,
    message: z.string().trim().max(500).optional(),
  }),
} as const;

export type Verb = keyof typeof VERB_SCHEMAS;
export type VerbData<V extends Verb> = z.infer<(typeof VERB_SCHEMAS)[V]>;

export const VERBS = Object.keys(VERB_SCHEMAS) as Verb[];

/** Whether a string names a verb this bot knows. */
export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && Object.hasOwn(VERB_SCHEMAS, value);
}
