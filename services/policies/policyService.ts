// The AllowSelfServicePurchase policy per tenant and product (§4.2, §6): values, rights, errors and audit trail.

import { resolveActor, type Caller } from '../access/actor.js';
import { can } from '../access/permissions.js';
import { findOfferType, findProductById } from '../catalog/catalog.js';
import { POLICY_PRODUCTS, OFFER_TYPES, type OfferType, type Product } from '../catalog/products.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../directory/directory.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import { PolicyDocuments, type PolicyDocument } from './policyDocument.js';

export const POLICY_ID = 'AllowSelfServicePurchase';
export const POLICY_VALUES = ['Enabled', 'Disabled', 'OnlyTrialsWithoutPaymentMethod'] as const;
export type PolicyValue = (typeof POLICY_VALUES)[number];
export const POLICY_DESCRIPTION = 'Allow self-service purchase of products in the tenant';

/** Where a change came from, for the audit trail. */
export type ChangeChannel = 'MSCommerce' | 'chat' | 'policyCard' | 'notificationCard';

/** One line of the audit trail: who changed what, when, from which value to which. */
export interface PolicyAuditEntry {
  readonly at: string;
  readonly tenantId: string;
  readonly byUserId: string;
  readonly byTenantId: string;
  readonly byDisplayName: string;
  readonly target: string;
  readonly targetName: string;
  readonly oldValue: PolicyValue;
  readonly newValue: PolicyValue;
  readonly via: ChangeChannel;
}

/** A product's policy as the cmdlets show it (S-20 order). */
export interface ProductPolicyView {
  readonly policyId: typeof POLICY_ID;
  readonly productName: string;
  readonly productId: string;
  readonly policyValue: PolicyValue;
}

/** An offer type's policy as the cmdlets show it (S-20 order). */
export interface OfferTypePolicyView {
  readonly policyId: typeof POLICY_ID;
  readonly scope: 'OfferType';
  readonly scopeId: OfferType;
  readonly scopeValue: string;
  readonly policyValue: 'Enabled' | 'Disabled';
}

/**
 * What an update did. `changed` is false when the value already was the requested one, or when the update expected
 * another value than the stored one: then nothing was written and `conflict` is the value found.
 */
export interface PolicyUpdate<V> {
  readonly policy: V;
  readonly changed: boolean;
  readonly tenantName: string;
  readonly conflict?: PolicyValue;
}

/**
 * Reads and changes product policies. Unknown products and offer types are 404, callers without the right are 403,
 * and trials-only where no free trial exists is 400 (S-19, S-21); nothing changes on any of them.
 */
export class PolicyService {
  private readonly documents: PolicyDocuments;

  constructor(
    records: Records,
    private readonly directory: Directory,
    clock: Clock,
  ) {
    this.documents = new PolicyDocuments(records, clock);
  }

  /** The value in force for a product; no rights needed (eligibility reads it for every user). */
  async valueFor(tenantId: string, productId: string): Promise<PolicyValue> {
    const doc = await this.documents.read(tenantId);
    return doc.products[productId] ?? 'Enabled';
  }

  /**
   * Get-MSCommerceProductPolicies: every product of the policy. `canUseSettingsCard` says whether the caller may
   * also save the settings card (the admin center's page: Global admins only), so a reader is not offered a Save.
   */
  async listProductPolicies(
    caller: Caller,
    tenantId: string,
    policyId: string = POLICY_ID,
  ): Promise<
    Result<{ tenantName: string; policies: ProductPolicyView[]; canUseSettingsCard: boolean }>
  > {
    const access = await this.authorize(caller, tenantId, policyId, 'readPolicies');
    if (!access.ok) return access;
    const doc = await this.documents.read(tenantId);
    return ok({
      tenantName: access.value.tenantName,
      policies: POLICY_PRODUCTS.map((p) => productView(p, doc)),
      canUseSettingsCard: access.value.canUseSettingsCard,
    });
  }

  /** Get-MSCommerceProductPolicies -Scope OfferType. */
  async listOfferTypePolicies(
    caller: Caller,
    tenantId: string,
    policyId: string = POLICY_ID,
  ): Promise<Result<{ tenantName: string; policies: OfferTypePolicyView[] }>> {
    const access = await this.authorize(caller, tenantId, policyId, 'readPolicies');
    if (!access.ok) return access;
    const doc = await this.documents.read(tenantId);
    return ok({
      tenantName: access.value.tenantName,
      policies: OFFER_TYPES.map((o) => offerTypeView(o.offerType, doc)),
    });
  }

  /** Get-MSCommerceProductPolicy -ProductId: current or legacy id. */
  async getProductPolicy(
    caller: Caller,
    tenantId: string,
    productId: string,
    policyId: string = POLICY_ID,
  ): Promise<Result<{ tenantName: string; policy: ProductPolicyView }>> {
    const access = await this.authorize(caller, tenantId, policyId, 'readPolicies');
    if (!access.ok) return access;
    const product = policyProduct(productId);
    if (!product) return refuse('POLICY_NOT_FOUND', { productId });
    return ok({
      tenantName: access.value.tenantName,
      policy: productView(product, await this.documents.read(tenantId)),
    });
  }

  /** Get-MSCommerceProductPolicy -OfferType. */
  async getOfferTypePolicy(
    caller: Caller,
    tenantId: string,
    offerTypeText: string,
    policyId: string = POLICY_ID,
  ): Promise<Result<{ tenantName: string; policy: OfferTypePolicyView }>> {
    const access = await this.authorize(caller, tenantId, policyId, 'readPolicies');
    if (!access.ok) return access;
    const offerType = findOfferType(offerTypeText);
    if (!offerType) return refuse('POLICY_NOT_FOUND', { offerType: offerTypeText });
    return ok({
      tenantName: access.value.tenantName,
      policy: offerTypeView(offerType, await this.documents.read(tenantId)),
    });
  }

  /**
   * Update-MSCommerceProductPolicy -ProductId, and every plain-words or card equivalent. With `expected` (the value
   * the admin saw), the value is changed only if it still is the expected one, in the same compare-and-set as the
   * write; otherwise nothing is written and the answer's `conflict` is the value another admin set meanwhile.
   */
  async updateProductPolicy(
    caller: Caller,
    tenantId: string,
    productId: string,
    value: PolicyValue,
    via: ChangeChannel,
    policyId: string = POLICY_ID,
    expected?: PolicyValue,
  ): Promise<Result<PolicyUpdate<ProductPolicyView>>> {
    const access = await this.authorize(caller, tenantId, policyId, 'changePolicies', via);
    if (!access.ok) return access;
    const product = policyProduct(productId);
    if (!product) return refuse('POLICY_NOT_FOUND', { productId });
    if (value === 'OnlyTrialsWithoutPaymentMethod' && !product.trialWithoutPaymentMethod) {
      return refuse('POLICY_BAD_REQUEST', {
        productId: product.productId,
        productName: product.name,
        value,
      });
    }
    const { changed, conflict } = await this.documents.write(
      caller,
      access.value.byName,
      tenantId,
      product.productId,
      product.name,
      value,
      via,
      'products',
      expected,
    );
    const doc = await this.documents.read(tenantId);
    return ok({
      policy: productView(product, doc),
      changed,
      tenantName: access.value.tenantName,
      ...(conflict ? { conflict } : {}),
    });
  }

  /** Update-MSCommerceProductPolicy -OfferType: Enabled or Disabled only (S-19). */
  async updateOfferTypePolicy(
    caller: Caller,
    tenantId: string,
    offerTypeText: string,
    value: PolicyValue,
    via: ChangeChannel,
    policyId: string = POLICY_ID,
  ): Promise<Result<PolicyUpdate<OfferTypePolicyView>>> {
    const access = await this.authorize(caller, tenantId, policyId, 'changePolicies', via);
    if (!access.ok) return access;
    const offerType = findOfferType(offerTypeText);
    if (!offerType) return refuse('POLICY_NOT_FOUND', { offerType: offerTypeText });
    if (value === 'OnlyTrialsWithoutPaymentMethod') {
      return refuse('POLICY_BAD_REQUEST', { offerType, value });
    }
    const name = OFFER_TYPES.find((o) => o.offerType === offerType)?.name ?? offerType;
    const { changed } = await this.documents.write(
      caller,
      access.value.byName,
      tenantId,
      offerType,
      name,
      value,
      via,
      'offerTypes',
    );
    const doc = await this.documents.read(tenantId);
    return ok({
      policy: offerTypeView(offerType, doc),
      changed,
      tenantName: access.value.tenantName,
    });
  }

  /** The most recent changes first. Readable by whoever may read policies. */
  async auditTrail(
    caller: Caller,
    tenantId: string,
    limit = 20,
  ): Promise<Result<{ tenantName: string; entries: PolicyAuditEntry[] }>> {
    const access = await this.authorize(caller, tenantId, POLICY_ID, 'readPolicies');
    if (!access.ok) return access;
    const doc = await this.documents.read(tenantId);
    return ok({
      tenantName: access.value.tenantName,
      entries: [...doc.audit].reverse().slice(0, limit),
    });
  }

  /**
   * 404 for another policy id, then 403 for a caller without the right; returns the tenant's and caller's names. The policy card
   * stands for the admin center's settings page, which needs Global admin (§1.2, §7.1 #5): a Billing admin, who may
   * use the MSCommerce commands, is refused there with ACCESS_DENIED.
   */
  private async authorize(
    caller: Caller,
    tenantId: string,
    policyId: string,
    action: 'readPolicies' | 'changePolicies',
    via?: ChangeChannel,
  ): Promise<Result<{ tenantName: string; byName: string; canUseSettingsCard: boolean }>> {
    if (policyId.toLowerCase() !== POLICY_ID.toLowerCase()) {
      return refuse('POLICY_NOT_FOUND', { policyId });
    }
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) {
      if (actor.refusal.code === 'DIRECTORY_UNAVAILABLE') return actor;
      return refuse('POLICY_FORBIDDEN', { action });
    }
    if (!can(actor.value, action)) return refuse('POLICY_FORBIDDEN', { action });
    if (via === 'policyCard' && !can(actor.value, 'changePoliciesInAdminCenter')) {
      return refuse('ACCESS_DENIED', {
        action: 'changePoliciesInAdminCenter',
        tenantName: actor.value.tenant.name,
      });
    }
    return ok({
      tenantName: actor.value.tenant.name,
      byName: actor.value.user.displayName,
      canUseSettingsCard: can(actor.value, 'changePoliciesInAdminCenter'),
    });
  }
}

/** A product the policy covers, by current or legacy id (S-16); undefined is a 404 (S-21). */
function policyProduct(productId: string): Product | undefined {
  const product = findProductById(productId);
  return product && POLICY_PRODUCTS.includes(product) ? product : undefined;
}

function productView(product: Product, doc: PolicyDocument): ProductPolicyView {
  return {
    policyId: POLICY_ID,
    productName: product.name,
    productId: product.productId,
    policyValue: doc.products[product.productId] ?? 'Enabled',
  };
}

function offerTypeView(offerType: OfferType, doc: PolicyDocument): OfferTypePolicyView {
  return {
    policyId: POLICY_ID,
    scope: 'OfferType',
    scopeId: offerType,
    scopeValue: OFFER_TYPES.find((o) => o.offerType === offerType)?.name ?? offerType,
    policyValue: doc.offerTypes[offerType] ?? 'Enabled',
  };
}
