// Typed requests about one of the buyer's own subscriptions ("cancel Visio", "assign a license to alice@…",
// "remove 2 Power BI Pro licenses", "byt kort"): finds the subscription, then answers with the same screen its card
// button opens. Several matching subscriptions get a card to pick one; the buttons are the subscription cards' own.

import type { Activity, Attachment, TurnContext } from 'botbuilder';
import { messageCard } from '../cards/cardKit.js';
import { refusalMessage } from '../cards/refusalMessage.js';
import { action, newActionId, plain } from '../cards/render.js';
import type { Verb } from '../cards/verbs.js';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import { outcomeNote } from '../bot/cardActions/outcomeNote.js';
import { resolvePeople, splitPeople } from '../bot/cardActions/people.js';
import type { Caller } from '../services/access/actor.js';
import { findProduct } from '../services/catalog/catalog.js';
import type { Domain } from '../services/domain.js';
import { MAX_QUANTITY, MIN_QUANTITY } from '../services/eligibility/eligibility.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import type { Intent } from './intents.js';
import { refusalCard } from './screens/purchaseScreens.js';
import {
  assignScreen,
  cancelScreen,
  paymentMethodScreen,
  quantityScreen,
  subscriptionScreen,
} from './screens/subscriptionScreens.js';
import { localizerOf } from './turnInfo.js';

/** The intents this module answers. */
export type SubscriptionIntent = Extract<
  Intent,
  { kind: 'cancelSubscription' | 'assignLicense' | 'changeQuantity' | 'changeCard' }
>;

/** How each request picks its subscriptions and which card button opens its screen. */
const FLOWS: Record<
  SubscriptionIntent['kind'],
  {
    readonly fits: (v: SubscriptionView) => boolean;
    readonly verb: Verb;
    readonly pick: MessageKey;
  }
> = {
  cancelSubscription: { fits: () => true, verb: 'cancel.preview', pick: 'manage.pick.cancel' },
  assignLicense: { fits: () => true, verb: 'licenses.assignForm', pick: 'manage.pick.assign' },
  changeQuantity: {
    fits: (v) => v.kind === 'Paid',
    verb: 'quantity.form',
    pick: 'manage.pick.quantity',
  },
  changeCard: { fits: (v) => v.card !== undefined, verb: 'card.form', pick: 'manage.pick.card' },
};

/** True for the typed requests about one of the buyer's subscriptions. */
export function isSubscriptionIntent(intent: Intent): intent is SubscriptionIntent {
  return intent.kind in FLOWS;
}

/**
 * Subscriptions a buyer can still change: active, and not being taken over by an admin. The card can also be
 * changed once a renewal failed (Expired) or later (Disabled), since a working card is how it comes back (§3.2).
 */
function changeable(v: SubscriptionView, kind: SubscriptionIntent['kind']): boolean {
  if (v.takeoverInProgress) return false;
  if (kind === 'changeCard') return v.status !== 'Deleted';
  return v.status === 'Active';
}

/** The subscriptions the request names, or the sentence saying there is none. */
function matching(
  t: ReturnType<typeof localizerOf>,
  intent: SubscriptionIntent,
  mine: readonly SubscriptionView[],
): { subs: SubscriptionView[] } | { sentence: string } {
  const active = mine.filter((v) => changeable(v, intent.kind));
  let named = active;
  let productName: string | undefined;
  if (intent.product) {
    const lookup = findProduct(intent.product);
    if (lookup.kind === 'notFound') {
      return { sentence: t.t('manage.unknownProduct', { text: plain(intent.product) }) };
    }
    const ids = lookup.kind === 'found' ? [lookup.product.productId] : [];
    if (lookup.kind === 'ambiguous') ids.push(...lookup.candidates.map((p) => p.productId));
    named = active.filter((v) => ids.includes(v.productId));
    productName = lookup.kind === 'found' ? lookup.product.name : plain(intent.product);
  }
  const fitting = named.filter(FLOWS[intent.kind].fits);
  if (fitting.length > 0) return { subs: fitting };
  const first = named[0];
  if (first && intent.kind === 'changeQuantity') {
    return { sentence: t.t('refusal.TRIAL_SUBSCRIPTION', { productName: first.productName }) };
  }
  if (first && intent.kind === 'changeCard') {
    return { sentence: t.t('manage.noCard', { product: first.productName }) };
  }
  return {
    sentence: productName ? t.t('manage.noneOf', { product: productName }) : t.t('manage.none'),
  };
}

/** A card with one button per subscription, each opening the same screen as the subscription card's button. */
function pickCard(
  t: ReturnType<typeof localizerOf>,
  intent: SubscriptionIntent,
  subs: readonly SubscriptionView[],
  people: readonly string[],
): Attachment {
  const direct = intent.kind === 'assignLicense' && people.length > 0;
  return messageCard({
    title: direct
      ? t.t('manage.pick.assignTo', { people: t.list(people.map(plain)) })
      : t.t(FLOWS[intent.kind].pick),
    actions: subs.map((v) => {
      const title = t.t('manage.choice', {
        product: v.productName,
        licenses: t.t('card.assignedOf', {
          assigned: v.assignedUsers.length,
          quantity: v.quantity,
        }),
        date: t.date(v.startDate),
      });
      if (direct) {
        return action(title, 'licenses.assign', {
          actionId: newActionId(),
          subscriptionId: v.id,
          others: people.join(', ').slice(0, 2000),
        });
      }
      return action(title, FLOWS[intent.kind].verb, { subscriptionId: v.id, ...wanted(intent) });
    }),
  });
}

/** A change of the number of licenses: "buy 2 more" (more, 2), "remove 2" (fewer, 2). */
export interface WantedChange {
  readonly change: 'more' | 'fewer';
  readonly count?: number;
}

/**
 * The change a pick button carries to the quantity form, so that the form is filled in with the new total of the
 * subscription picked (as it is when only one fits). Nothing for other requests, or a count no form could take.
 */
function wanted(intent: SubscriptionIntent): Partial<WantedChange> {
  if (intent.kind !== 'changeQuantity') return {};
  const count = intent.quantity;
  return count !== undefined && isCount(count) ? { change: intent.change, count } : {};
}

/** Whether a typed number of licenses to add or remove is one at all: a whole number from 1 to 10,000. */
function isCount(count: number): boolean {
  return Number.isInteger(count) && count >= MIN_QUANTITY && count <= MAX_QUANTITY;
}

/** The sentence for a typed count that is no number of licenses ("remove 0", "buy 1000000 more"). */
function invalidCount(t: Localizer, count: number): string {
  return refusalMessage(t, {
    code: 'INVALID_QUANTITY',
    facts: { quantity: String(count), min: MIN_QUANTITY, max: MAX_QUANTITY },
  });
}

/**
 * Why the quantity form cannot be filled in with the total a typed change asks for: a count that is no number of
 * licenses, more than a subscription can have ("buy 9999 more" of 2), or fewer than it must keep ("remove 5" of
 * 5). Undefined when it can, or when no count was typed.
 */
function whyNotFilled(t: Localizer, wish: WantedChange, v: SubscriptionView): string | undefined {
  const count = wish.count;
  if (count === undefined) return undefined;
  if (!isCount(count)) return invalidCount(t, count);
  if (requestedTotal(wish, v) !== undefined) return undefined;
  if (wish.change === 'more') {
    return t.t('manage.tooMany', {
      product: v.productName,
      quantity: t.number(v.quantity),
      max: t.number(MAX_QUANTITY),
      room: t.number(Math.max(0, MAX_QUANTITY - v.quantity)),
    });
  }
  const min = Math.max(1, v.assignedUsers.length);
  return t.t('manage.tooFew', {
    product: v.productName,
    quantity: t.number(v.quantity),
    min: t.number(min),
    max: t.number(Math.max(0, v.quantity - min)),
  });
}

/** The new total a "buy 2 more" or "remove 2" asks for, when the quantity form can take it. */
function requestedTotal(wish: WantedChange, v: SubscriptionView): number | undefined {
  if (wish.count === undefined) return undefined;
  const total = wish.change === 'more' ? v.quantity + wish.count : v.quantity - wish.count;
  return total >= Math.max(1, v.assignedUsers.length) && total <= MAX_QUANTITY ? total : undefined;
}

/**
 * The quantity form of a subscription picked from a list: filled in with the new total the typed change asks for
 * when the form can take it, else with the current number and, at the top, the reason it could not.
 */
export async function wantedQuantityScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  subscriptionId: string,
  wish?: WantedChange,
): Promise<Attachment> {
  if (wish?.count === undefined) return quantityScreen(domain, t, caller, subscriptionId);
  const view = await domain.buyers.subscription(caller, subscriptionId);
  const total = view.ok ? requestedTotal(wish, view.value) : undefined;
  const form = await quantityScreen(domain, t, caller, subscriptionId, total);
  const why = view.ok ? whyNotFilled(t, wish, view.value) : undefined;
  const body = (form.content as { body?: unknown[] } | undefined)?.body;
  if (why && Array.isArray(body)) {
    body.splice(1, 0, { type: 'TextBlock', text: why, wrap: true, color: 'attention' });
  }
  return form;
}

/** Assigns at once, through the same domain call as the assign form, and shows the same result. */
async function assignNow(
  domain: Domain,
  context: TurnContext,
  caller: Caller,
  v: SubscriptionView,
  people: readonly string[],
): Promise<Attachment> {
  const t = localizerOf(context);
  const resolved = await resolvePeople(domain, caller.tenantId, people);
  // A message Teams delivers twice is answered once, by the bot (bot/redelivery.ts): each typed request is new.
  const result = await domain.licenses.assign(caller, v.id, resolved, newActionId());
  if (result.ok) {
    return subscriptionScreen(domain, t, caller, v.id, outcomeNote(t, result.value));
  }
  const card = refusalCard(t, result.refusal);
  const content = card.content as { actions?: unknown[] };
  content.actions = [action(t.t('action.back'), 'subscription.show', { subscriptionId: v.id })];
  return card;
}

/** The screen of one subscription for the request, as the message to send. */
async function screenFor(
  domain: Domain,
  context: TurnContext,
  caller: Caller,
  intent: SubscriptionIntent,
  v: SubscriptionView,
  people: readonly string[],
): Promise<Partial<Activity>> {
  const t = localizerOf(context);
  switch (intent.kind) {
    case 'cancelSubscription':
      return { attachments: [await cancelScreen(domain, t, caller, v.id)] };
    case 'assignLicense':
      return {
        attachments: [
          people.length > 0
            ? await assignNow(domain, context, caller, v, people)
            : await assignScreen(domain, t, caller, v.id),
        ],
      };
    case 'changeCard':
      return { attachments: [await paymentMethodScreen(domain, t, caller, v.id)] };
    case 'changeQuantity': {
      const wish = { change: intent.change, count: intent.quantity };
      const form = await quantityScreen(domain, t, caller, v.id, requestedTotal(wish, v));
      // "Remove 5" of 5, "buy 9999 more", "remove 0": the form comes with the reason it isn't filled in as asked.
      const text = whyNotFilled(t, wish, v);
      return text ? { text, attachments: [form] } : { attachments: [form] };
    }
  }
}

/**
 * Answers a typed request about one of the caller's subscriptions: the screen when one subscription fits, a card
 * to pick one when several do, and a sentence when none does. Only called in the personal chat.
 */
export async function answerSubscriptionIntent(
  domain: Domain,
  context: TurnContext,
  caller: Caller,
  intent: SubscriptionIntent,
): Promise<void> {
  const t = localizerOf(context);
  const mine = await domain.buyers.myPurchases(caller);
  if (!mine.ok) {
    await context.sendActivity({ attachments: [refusalCard(t, mine.refusal)] });
    return;
  }
  const found = matching(t, intent, mine.value);
  if ('sentence' in found) {
    await context.sendActivity(found.sentence);
    return;
  }
  const people = intent.kind === 'assignLicense' ? splitPeople(intent.people) : [];
  const [only, ...others] = found.subs;
  if (only && others.length === 0) {
    await context.sendActivity(await screenFor(domain, context, caller, intent, only, people));
    return;
  }
  // A count no form could take is said before the pick (the picked form then opens unfilled).
  const count = intent.kind === 'changeQuantity' ? intent.quantity : undefined;
  const pick = pickCard(t, intent, found.subs, people);
  await context.sendActivity(
    count !== undefined && !isCount(count)
      ? { text: invalidCount(t, count), attachments: [pick] }
      : { attachments: [pick] },
  );
}
