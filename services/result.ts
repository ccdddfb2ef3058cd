// Expected refusals are values, not exceptions (conventions, style 8): each carries a domain.md code and its facts.

/** Every refusal code the domain can answer with; the bot turns each into a localized sentence. */
export const REFUSAL_CODES = [
  // Eligibility, domain.md §2 rules 1 to 10
  'NO_TENANT',
  'ACCOUNT_DISABLED',
  'GUEST_NOT_ALLOWED',
  'TENANT_NOT_ELIGIBLE',
  'MARKET_NOT_ELIGIBLE',
  'PRODUCT_NOT_AVAILABLE',
  'POLICY_TRIALS_ONLY',
  'POLICY_DISABLED',
  'PAYMENT_METHOD_NOT_SUPPORTED',
  'TRIAL_NOT_AVAILABLE',
  'INVALID_QUANTITY',
  // After purchase, domain.md §2.1
  'ASSIGNEE_OTHER_TENANT',
  'ASSIGNEE_GUEST',
  'INSUFFICIENT_LICENSES',
  'BATCH_TOO_LARGE',
  'ALREADY_ASSIGNED',
  'NOT_SUBSCRIPTION_OWNER',
  'TAKEOVER_REQUIRED',
  'LICENSES_ASSIGNED',
  'TRIAL_SUBSCRIPTION',
  'SUBSCRIPTION_NOT_ACTIVE',
  'ACCESS_DENIED',
  // MSCommerce policy API, S-19 and S-21 (HTTP semantics)
  'POLICY_BAD_REQUEST',
  'POLICY_NOT_FOUND',
  'POLICY_FORBIDDEN',
  // This project's own, where domain.md names the situation but no code
  'PRODUCT_UNKNOWN',
  'PRODUCT_AMBIGUOUS',
  'USER_NOT_FOUND',
  'NOT_ASSIGNED',
  'SUBSCRIPTION_NOT_FOUND',
  'RECURRING_BILLING_OFF',
  'QUANTITY_UNCHANGED',
  'PAYMENT_DECLINED',
  'CARD_INVALID',
  'PAYMENT_METHOD_NOT_FOUND',
  'INVOICE_NOT_FOUND',
  'INVOICE_ALREADY_PAID',
  'INVOICE_VOID',
  'IDEMPOTENCY_KEY_REUSED',
  'OPERATION_IN_PROGRESS',
  'PURCHASE_ABANDONED',
  'TAKEOVER_IN_PROGRESS',
  'TARGET_NOT_CENTRAL',
  'REQUESTS_NOT_ENABLED',
  'CUSTOM_REQUEST_PROCESS',
  'PRODUCT_NOT_DISABLED',
  'REQUEST_NOT_FOUND',
  'REQUEST_ALREADY_DECIDED',
  'NOT_REACTIVATABLE',
  'DIRECTORY_UNAVAILABLE',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Plain facts a localized message needs ("how many licenses are free", "which product"). */
export type Facts = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

/** A refusal: the code of domain.md and the facts that go into the sentence. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly facts: Facts;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

/** Wraps a successful value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a refusal result. */
export function refuse<T = never>(code: RefusalCode, facts: Facts = {}): Result<T> {
  return { ok: false, refusal: { code, facts } };
}
