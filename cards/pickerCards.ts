// Cards that ask what a typed question left open: which product it meant, and how many licenses to buy.

import type { Attachment } from 'botbuilder';
import type { Localizer } from '../locales/localizer.js';
import type { Product } from '../services/catalog/products.js';
import { MAX_QUANTITY, MIN_QUANTITY } from '../services/eligibility/eligibility.js';
import { formCard, messageCard } from './cardKit.js';
import { action } from './render.js';
import type { VerbData } from './verbs.js';

/** What a typed question that named no single product was for: the picked product continues it. */
export type ProductFlow = VerbData<'product.choose'>['flow'];

/**
 * The products a typed question may have meant, as buttons; a click continues the question's flow (and the typed
 * quantity, if any) through the `product.choose` verb, so it works in channels and replaces this card.
 */
export function productChoicesCard(
  t: Localizer,
  input: {
    title: string;
    products: readonly Product[];
    flow: ProductFlow;
    quantity?: number;
  },
): Attachment {
  return messageCard({
    title: input.title,
    note: t.t('product.typeName'),
    actions: input.products.map((p) =>
      action(p.name, 'product.choose', {
        productId: p.productId,
        flow: input.flow,
        ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
      }),
    ),
  });
}

/** "How many licenses?" for a product picked on a card; the answer goes on to the checkout. */
export function quantityCard(t: Localizer, product: Product): Attachment {
  return formCard({
    title: t.t('purchase.howMany'),
    facts: [{ title: t.t('card.product'), value: product.name }],
    numbers: [
      {
        id: 'quantity',
        label: t.t('card.licenses'),
        value: 1,
        min: MIN_QUANTITY,
        max: MAX_QUANTITY,
        errorMessage: t.t('purchase.howManyRetry'),
      },
    ],
    actions: [
      action(
        t.t('action.buy'),
        'purchase.start',
        { productId: product.productId },
        { style: 'positive' },
      ),
    ],
  });
}
