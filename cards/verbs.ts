// Every card action: its verb (the same string in the card and the handler) and a zod schema for its data.

import { z } from 'zod';

// The messages below are for the log; people read the field's label and the problem from the locales (see
// runCardAction in bot/cardActions/registry.ts).

const id = z.string().trim().min(1).max(100);
const actionId = z.string().uuid({ message: 'the card is not one this bot sent' });
/** Set on the take-over form opened from a purchase notification: the take-over is that notification's decision. */
const fromNotification = z.literal(true).optional();
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
  /** A product picked from the choices a typed question offered; `flow` is what the question was for. */
  'product.choose': z.object({
    productId,
    flow: z.enum(['eligibility', 'purchase', 'trial', 'request']).default('eligibility'),
    quantity: quantity.optional(),
  }),
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
  /** From a typed "buy 2 more" / "remove 2" and a pick list: the change the form is filled in with. */
  'quantity.form': z.object({
    subscriptionId: id,
    change: z.enum(['more', 'fewer']).optional(),
    count: quantity.optional(),
  }),
  'quantity.change': z.object({ actionId, subscriptionId: id, quantity }),
  'cancel.preview': z.object({ subscriptionId: id }),
  'cancel.confirm': z.object({ actionId, subscriptionId: id }),
  'invoices.list': z.object({ period: z.enum(['3', '6']).default('3') }),
  /** Without card fields: the subscription's card; from the "Change card and pay" form: the card chosen there. */
  'invoice.pay': z.object({ actionId, invoiceId: id, ...newCard }),
  'invoice.payForm': z.object({ invoiceId: id }),
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
  'takeover.form': z.object({ tenantId: id, subscriptionId: id, fromNotification }),
  'takeover.move': z.object({
    actionId,
    tenantId: id,
    subscriptionId: id,
    target: id,
    fromNotification,
  }),
  'takeover.cancel': z.object({
    actionId,
    tenantId: id,
    subscriptionId: id,
    reason: z.string().trim().min(1, 'give a reason').max(300),
    fromNotification,
  }),
  'admin.reactivate': z.object({ actionId, tenantId: id, subscriptionId: id }),
  'admin.purchases': z.object({
    tenantId: id,
    page: z.coerce.number().int().min(0).max(10_000).default(0),
    /** "purchases left": only buyers who left the organization (§4.6). */
    purchaserLeft: z.boolean().optional(),
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
    purchaserLeft: z.boolean().optional(),
    productId: optionalInput,
    purchaser: optionalInput,
    status: optionalInput,
    channel: optionalInput,
    kind: optionalInput,
  }),
  'policy.card': z.object({ tenantId: id }),
  /**
   * The policy card's choices arrive as one input per product, named `p_<productId>`; `shown` is what the card
   * showed for each product (absent on cards sent before it existed), so that only changed choices are saved.
   */
  'policy.save': z.looseObject({
    actionId,
    tenantId: id,
    shown: z
      .record(productId, z.enum(['Enabled', 'Disabled', 'OnlyTrialsWithoutPaymentMethod']))
      .refine((shown) => Object.keys(shown).length <= 100, 'too many products')
      .optional(),
  }),
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
