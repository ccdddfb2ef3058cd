// Screens of the purchase side: each loads what it shows from the domain and returns a card.

import type { Attachment } from 'botbuilder';
import { messageCard } from '../../cards/cardKit.js';
import { quantityCard } from '../../cards/pickerCards.js';
import {
  checkoutCard,
  eligibilityCard,
  productOverviewCard,
  receiptCard,
  trialCard,
  type ProductVerdict,
} from '../../cards/purchaseCards.js';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { action } from '../../cards/render.js';
import type { Localizer } from '../../locales/localizer.js';
import type { Caller } from '../../services/access/actor.js';
import { findProductById } from '../../services/catalog/catalog.js';
import { IN_SCOPE_PRODUCTS, unitPriceAt, type Product } from '../../services/catalog/products.js';
import type { Domain } from '../../services/domain.js';
import type { Refusal, Result } from '../../services/result.js';
import type { Receipt } from '../../services/subscriptions/purchaseService.js';

/** A refusal as a card, with the buttons that help next. */
export function refusalCard(t: Localizer, refusal: Refusal, title?: string): Attachment {
  return messageCard({
    title: title ?? t.t('refusal.title'),
    text: refusalMessage(t, refusal),
    color: 'Attention',
  });
}

/** The person's verdict for a product: purchase, and which trials are open to them. */
export async function verdictFor(
  domain: Domain,
  caller: Caller,
  product: Product,
): Promise<ProductVerdict> {
  const applicant = { caller };
  // Read first: an await inside Promise.all's list would leave an earlier check's rejection unhandled.
  const trialUsed = await hadTrial(domain, caller, product);
  const [purchase, free, withCard] = await Promise.all([
    domain.eligibility.check({ applicant, product, intent: 'purchase' }),
    domain.eligibility.check({
      applicant,
      product,
      intent: 'trialWithoutPayment',
      hadTrial: trialUsed,
    }),
    domain.eligibility.check({
      applicant,
      product,
      intent: 'trialWithPayment',
      hadTrial: trialUsed,
    }),
  ]);
  return {
    product,
    unitPriceCents: unitPriceAt(product, domain.clock.now()),
    purchase,
    trialWithoutPayment: free.eligible,
    trialWithPayment: withCard.eligible,
  };
}

/**
 * Why neither trial is open, as the one refusal that is true of both. A reason shared by both (rules 1–7, a trial
 * had already) is the free trial's. When only rule 9 stops the free trial (no free trial for the product, or no
 * agreement), its sentence offers a trial with a card; that is only said when the card trial is refused for
 * nothing else, and a trials-only policy (which forbids trials with a card, rule 7) gets its own sentence.
 */
async function noTrialReason(
  domain: Domain,
  caller: Caller,
  product: Product,
): Promise<Refusal | undefined> {
  const applicant = { caller };
  const trialUsed = await hadTrial(domain, caller, product);
  const free = await domain.eligibility.check({
    applicant,
    product,
    intent: 'trialWithoutPayment',
    hadTrial: trialUsed,
  });
  const withCard = await domain.eligibility.check({
    applicant,
    product,
    intent: 'trialWithPayment',
    hadTrial: trialUsed,
  });
  if (free.eligible) return undefined;
  const reason = free.facts.reason;
  const cardWouldDo = reason === 'noExistingAgreement' || reason === 'productHasNoFreeTrial';
  if (free.code !== 'TRIAL_NOT_AVAILABLE' || !cardWouldDo || withCard.eligible) {
    return { code: free.code, facts: free.facts };
  }
  if (withCard.code === 'POLICY_TRIALS_ONLY') {
    return {
      code: 'TRIAL_NOT_AVAILABLE',
      facts: { ...free.facts, reason: `${String(reason)}TrialsOnly` },
    };
  }
  return { code: withCard.code, facts: withCard.facts };
}

async function hadTrial(domain: Domain, caller: Caller, product: Product): Promise<boolean> {
  const claim = await domain.records.read<string>(
    `trial-claim:${caller.tenantId}:${caller.userId}:${product.productId}`,
  );
  return claim !== undefined;
}

/** Yes or no for one product; the quantity asked about, if any, goes on to the Buy button's checkout. */
export async function eligibilityScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  productId: string,
  quantity?: number,
): Promise<Attachment> {
  const product = findProductById(productId);
  if (!product) return refusalCard(t, { code: 'PRODUCT_UNKNOWN', facts: { productId } });
  return eligibilityCard(t, await verdictFor(domain, caller, product), quantity);
}

/** All nine products with prices and the person's verdicts. */
export async function overviewScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
): Promise<Attachment> {
  const verdicts = await Promise.all(IN_SCOPE_PRODUCTS.map((p) => verdictFor(domain, caller, p)));
  return productOverviewCard(t, verdicts);
}

/** The checkout card, or the refusal when the person cannot buy the product (checked again at confirmation). */
export async function checkoutScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  productId: string,
  quantity: number,
  error?: string,
): Promise<Attachment> {
  const product = findProductById(productId);
  if (!product) return refusalCard(t, { code: 'PRODUCT_UNKNOWN', facts: { productId } });
  const verdict = await domain.eligibility.check({
    applicant: { caller },
    product,
    intent: 'purchase',
    quantity,
  });
  if (!verdict.eligible) {
    // A refusal of this quantity alone (INVALID_QUANTITY) says so; any other is the product's "no" with its reason.
    const general = await verdictFor(domain, caller, product);
    return general.purchase.eligible
      ? refusalCard(t, { code: verdict.code, facts: verdict.facts })
      : eligibilityCard(t, general);
  }
  const saved = await domain.paymentMethods.list(caller);
  return checkoutCard(t, {
    product,
    unitPriceCents: unitPriceAt(product, domain.clock.now()) ?? 0,
    quantity,
    saved,
    holder: verdict.user.displayName,
    error,
  });
}

/** "How many licenses?" for a product picked on a card, or the product's "no" when the person cannot buy it. */
export async function quantityScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  productId: string,
): Promise<Attachment> {
  const product = findProductById(productId);
  if (!product) return refusalCard(t, { code: 'PRODUCT_UNKNOWN', facts: { productId } });
  const verdict = await verdictFor(domain, caller, product);
  return verdict.purchase.eligible ? quantityCard(t, product) : eligibilityCard(t, verdict);
}

/** The trial card with the options open to the person. */
export async function trialScreen(
  domain: Domain,
  t: Localizer,
  caller: Caller,
  productId: string,
): Promise<Attachment> {
  const product = findProductById(productId);
  if (!product) return refusalCard(t, { code: 'PRODUCT_UNKNOWN', facts: { productId } });
  const verdict = await verdictFor(domain, caller, product);
  if (!verdict.trialWithoutPayment && !verdict.trialWithPayment) {
    const refusal = await noTrialReason(domain, caller, product);
    if (refusal)
      return refusalCard(t, refusal, t.t('trial.notPossible', { product: product.name }));
  }
  const user = await domain.directory.getUser(caller.tenantId, caller.userId);
  return trialCard(t, {
    product,
    unitPriceCents: verdict.unitPriceCents ?? 0,
    withoutPayment: verdict.trialWithoutPayment,
    withPayment: verdict.trialWithPayment,
    saved: await domain.paymentMethods.list(caller),
    holder: user?.displayName ?? '',
  });
}

/** The receipt, or the refusal with a way back to the checkout. */
export function receiptScreen(
  t: Localizer,
  result: Result<Receipt>,
  retry?: { productId: string; quantity: number },
): Attachment {
  if (result.ok) return receiptCard(t, result.value);
  // Both open a fresh checkout (a new purchase with its own key); an abandoned purchase says so on the button.
  const label =
    result.refusal.code === 'PURCHASE_ABANDONED'
      ? t.t('action.newPurchase')
      : t.t('action.tryAgain');
  return messageCard({
    title: t.t('receipt.failed'),
    text: refusalMessage(t, result.refusal),
    color: 'Attention',
    actions: retry ? [action(label, 'purchase.start', retry)] : [],
  });
}
