// The ordered decision list of domain.md §2: rules 1 to 10, the first failing rule decides.

import type { Caller } from '../access/actor.js';
import { unitPriceAt, type Product } from '../catalog/products.js';
import type { Clock } from '../clock.js';
import type { Directory, Tenant, User } from '../directory/directory.js';
import type { PolicyService, PolicyValue } from '../policies/policyService.js';
import type { Facts, RefusalCode } from '../result.js';
import { StoreUnavailableError } from '../store/atomicStore.js';

/** What the person wants to do. */
export type Intent = 'purchase' | 'trialWithPayment' | 'trialWithoutPayment';

/** Ways to pay; only cards are accepted (rule 8, S-4). */
export const PAYMENT_KINDS = [
  'CreditCard',
  'DebitCard',
  'Invoice',
  'Check',
  'WireTransfer',
  'BankTransfer',
  'PurchaseOrder',
] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const MIN_QUANTITY = 1;
/** S-5. */
export const MAX_QUANTITY = 10_000;

/**
 * Who is asking: the chat user, or an address typed in (rule 1 then looks the domain up). `typedBy` is the chat user
 * who typed it: an address in one of their own organization's verified domains is found in that organization
 * without asking the directory which organization owns the domain (with Graph, a cross-tenant lookup).
 */
export type Applicant =
  { readonly caller: Caller } | { readonly email: string; readonly typedBy?: Caller };

export interface EligibilityRequest {
  readonly applicant: Applicant;
  readonly product: Product;
  readonly intent: Intent;
  /** Checked by rule 10 when given; trials are always one license. */
  readonly quantity?: number;
  /** Checked by rule 8 when given. */
  readonly paymentKind?: PaymentKind;
  /** True when this person already had a trial of the product (one trial per person and product). */
  readonly hadTrial?: boolean;
}

/** The verdict, with the facts the bot needs to word it. `rule` is the number of the deciding rule. */
export type Eligibility =
  | { readonly eligible: true; readonly tenant: Tenant; readonly user: User; readonly facts: Facts }
  | {
      readonly eligible: false;
      readonly code: RefusalCode;
      readonly rule: number;
      readonly facts: Facts;
      readonly tenant?: Tenant;
      readonly user?: User;
    };

/**
 * Evaluates §2 in order. It never throws for a directory outage: it refuses with DIRECTORY_UNAVAILABLE instead,
 * so an unreachable directory can never let a purchase through.
 */
export class EligibilityService {
  constructor(
    private readonly directory: Directory,
    private readonly policies: PolicyService,
    private readonly clock: Clock,
  ) {}

  async check(request: EligibilityRequest): Promise<Eligibility> {
    try {
      return await this.evaluate(request);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      return {
        eligible: false,
        code: 'DIRECTORY_UNAVAILABLE',
        rule: 0,
        facts: { detail: (error as Error).message },
      };
    }
  }

  /** The tenant that verified the domain: the typist's own when it is one of theirs, else the directory's answer. */
  private async tenantOfDomain(domain: string, typedBy?: Caller): Promise<Tenant | undefined> {
    if (typedBy) {
      const own = await this.directory.getTenant(typedBy.tenantId);
      if (own?.domains.some((d) => d.toLowerCase() === domain)) return own;
    }
    return this.directory.findTenantByDomain(domain);
  }

  private async evaluate(request: EligibilityRequest): Promise<Eligibility> {
    const { applicant, product, intent } = request;
    const productName = product.name;
    const email = 'email' in applicant ? applicant.email.trim() : undefined;

    // Rule 1: an existing, managed (verified-domain) tenant.
    let tenant: Tenant | undefined;
    if (email !== undefined) {
      const domain = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/.exec(email)?.[1]?.toLowerCase();
      const typedBy = 'typedBy' in applicant ? applicant.typedBy : undefined;
      tenant = domain ? await this.tenantOfDomain(domain, typedBy) : undefined;
    } else if ('caller' in applicant) {
      tenant = await this.directory.getTenant(applicant.caller.tenantId);
    }
    if (!tenant || !tenant.managed) {
      return refusal('NO_TENANT', 1, { email: email ?? '', productName });
    }
    const base = { productName, productId: product.productId, tenantName: tenant.name };

    // Rule 2: the account exists, is not deleted and is enabled.
    const user =
      email !== undefined
        ? await this.directory.findUserBySignInName(tenant.id, email)
        : 'caller' in applicant
          ? await this.directory.getUser(tenant.id, applicant.caller.userId)
          : undefined;
    if (!user || user.deleted || !user.accountEnabled) {
      return refusal('ACCOUNT_DISABLED', 2, base, tenant, user);
    }

    // Rule 3: no guests.
    if (user.userType === 'Guest') {
      const home = await this.directory.getTenant(user.homeTenantId);
      return refusal('GUEST_NOT_ALLOWED', 3, { ...base, homeTenantName: home?.name }, tenant, user);
    }

    // Rule 4: government and education tenants; Power BI also not in Azure Government or 21Vianet.
    if (tenant.type === 'government' || tenant.type === 'education') {
      return refusal('TENANT_NOT_ELIGIBLE', 4, { ...base, tenantType: tenant.type }, tenant, user);
    }
    if (product.family === 'PowerBI' && tenant.cloud !== 'worldwide') {
      return refusal('TENANT_NOT_ELIGIBLE', 4, { ...base, cloud: tenant.cloud }, tenant, user);
    }

    // Rule 5: the market, by usage location and else the tenant's country (S-3).
    const country = user.country || tenant.country;
    if (product.blockedCountries.includes(country)) {
      return refusal('MARKET_NOT_ELIGIBLE', 5, { ...base, country }, tenant, user);
    }

    // Rule 6: a product this bot sells.
    if (!product.inScope) return refusal('PRODUCT_NOT_AVAILABLE', 6, base, tenant, user);

    // Rule 7: the tenant's policy for the product, as read now (changes are not retroactive).
    const policy = await this.policies.valueFor(tenant.id, product.productId);
    if (policy === 'Disabled') {
      return refusal(
        'POLICY_DISABLED',
        7,
        {
          ...base,
          licenseRequestsEnabled: tenant.licenseRequestsEnabled,
          customRequestMessage: tenant.customRequestMessage,
        },
        tenant,
        user,
      );
    }
    if (policy === 'OnlyTrialsWithoutPaymentMethod' && intent !== 'trialWithoutPayment') {
      return refusal(
        'POLICY_TRIALS_ONLY',
        7,
        { ...base, trialWithoutPaymentMethod: product.trialWithoutPaymentMethod },
        tenant,
        user,
      );
    }

    // Rule 8: cards only, for anything that takes a payment method.
    if (
      intent !== 'trialWithoutPayment' &&
      request.paymentKind !== undefined &&
      request.paymentKind !== 'CreditCard' &&
      request.paymentKind !== 'DebitCard'
    ) {
      return refusal(
        'PAYMENT_METHOD_NOT_SUPPORTED',
        8,
        { ...base, paymentKind: request.paymentKind },
        tenant,
        user,
      );
    }

    // Rule 9: trials.
    if (intent !== 'purchase') {
      const trialRefusal = trialProblem(product, tenant, policy, intent, request.hadTrial === true);
      if (trialRefusal) {
        return refusal('TRIAL_NOT_AVAILABLE', 9, { ...base, reason: trialRefusal }, tenant, user);
      }
    }

    // Rule 10: quantity (S-5).
    const quantity = intent === 'purchase' ? request.quantity : 1;
    if (
      quantity !== undefined &&
      (!Number.isInteger(quantity) || quantity < MIN_QUANTITY || quantity > MAX_QUANTITY)
    ) {
      return refusal(
        'INVALID_QUANTITY',
        10,
        { ...base, quantity: String(quantity), min: MIN_QUANTITY, max: MAX_QUANTITY },
        tenant,
        user,
      );
    }

    return {
      eligible: true,
      tenant,
      user,
      facts: {
        ...base,
        policy,
        unitPriceCents: unitPriceAt(product, this.clock.now()),
        trialWithoutPaymentMethod: product.trialWithoutPaymentMethod && tenant.hasExistingAgreement,
      },
    };
  }
}

function trialProblem(
  product: Product,
  tenant: Tenant,
  policy: PolicyValue,
  intent: Exclude<Intent, 'purchase'>,
  hadTrial: boolean,
): string | undefined {
  if (hadTrial) return 'alreadyHadTrial';
  if (intent === 'trialWithPayment') return undefined;
  if (!product.trialWithoutPaymentMethod) return 'productHasNoFreeTrial';
  if (!tenant.hasExistingAgreement) return 'noExistingAgreement';
  if (policy === 'Disabled') return 'policy';
  return undefined;
}

function refusal(
  code: RefusalCode,
  rule: number,
  facts: Facts,
  tenant?: Tenant,
  user?: User,
): Eligibility {
  return { eligible: false, code, rule, facts, tenant, user };
}
