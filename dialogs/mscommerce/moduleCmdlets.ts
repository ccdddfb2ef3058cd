// What each MSCommerce cmdlet does once bound: the policy service call, its output, and its errors (§6.2, S-21).

import type { Caller } from '../../services/access/actor.js';
import {
  POLICY_DESCRIPTION,
  POLICY_ID,
  type OfferTypePolicyView,
  type PolicyService,
  type PolicyValue,
  type ProductPolicyView,
} from '../../services/policies/policyService.js';
import type { Refusal, Result } from '../../services/result.js';
import type { BoundParameters } from './binder.js';
import type { CmdletName } from './cmdletSpecs.js';
import { handleErrorText, MODULE_TEXT } from './errorTexts.js';
import { psObject, type PsObject, type PsValue } from './psValues.js';

/** The part of the policy service the cmdlets use. */
export type PolicyApi = Pick<
  PolicyService,
  | 'listProductPolicies'
  | 'listOfferTypePolicies'
  | 'getProductPolicy'
  | 'getOfferTypePolicy'
  | 'updateProductPolicy'
  | 'updateOfferTypePolicy'
>;

/** What a cmdlet may do: call the domain as the chat user, write host lines and errors, and output objects. */
export interface CmdletHost {
  readonly policies: PolicyApi;
  readonly caller: Caller;
  /** The tenant acted on: the caller's own, or a partner's customer (S-26). */
  readonly tenantId: string;
  readonly isConnected: () => boolean;
  readonly connect: () => void;
  readonly host: (line: string) => void;
  readonly error: (text: string) => void;
  readonly emit: (value: PsValue) => Promise<void>;
  /** Told about a back-end exception (store or directory down) that the output shows as a 503; optional. */
  readonly report?: (error: unknown) => void;
}

/** A refusal, or a back-end exception the module would have caught like any failed web call. */
type Failure = Refusal | { readonly code: 'BACKEND_FAILURE'; readonly facts: Refusal['facts'] };
type AnyView = ProductPolicyView | OfferTypePolicyView;
type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Failure };

/** Calls the service; an exception becomes a failure, so that the lines already run keep their output. */
async function ask<T>(h: CmdletHost, call: () => Promise<Result<T>>): Promise<Outcome<T>> {
  try {
    return await call();
  } catch (error) {
    h.report?.(error);
    return { ok: false, refusal: { code: 'BACKEND_FAILURE', facts: {} } };
  }
}

/** A `throw` in the module (not connected): PowerShell stops the whole script, not just the statement. */
export class ScriptTerminatingError extends Error {}

/** Runs one bound cmdlet. Expected failures are written as errors; only "not connected" stops the script. */
export async function runCmdlet(
  name: CmdletName,
  bound: BoundParameters,
  h: CmdletHost,
): Promise<void> {
  const text = (parameter: string) => {
    const value = bound.values.get(parameter);
    return typeof value === 'string' ? value : undefined;
  };
  const policyId = text('PolicyId') ?? POLICY_ID;
  switch (name) {
    case 'Connect-MSCommerce':
      h.connect();
      h.host(MODULE_TEXT.connected);
      return;
    case 'Get-MSCommercePolicies':
    case 'Get-MSCommercePolicy': {
      requireConnection(h);
      const context =
        name === 'Get-MSCommercePolicies'
          ? 'Failed to retrieve policies'
          : `Failed to retrieve policy with PolicyId '${policyId}'`;
      // The service has no call for the policy catalog; reading product policies checks the same id and right.
      const result = await ask(h, () =>
        h.policies.listProductPolicies(h.caller, h.tenantId, policyId),
      );
      if (!result.ok) return h.error(refusalText(context, result.refusal));
      // DefaultValue is cosmetic and stays Enabled even when every product is disabled (§7.1 #3).
      return h.emit(
        psObject({ PolicyId: POLICY_ID, Description: POLICY_DESCRIPTION, DefaultValue: 'Enabled' }),
      );
    }
    case 'Get-MSCommerceProductPolicies':
      return listPolicies(h, policyId, (text('Scope') ?? '').trim());
    case 'Get-MSCommerceProductPolicy': {
      requireConnection(h);
      // The module names ProductId in this context even for -OfferType, where it is then empty.
      const context = `Failed to retrieve product policy with PolicyId '${policyId}' ProductId '${text('ProductId') ?? ''}'`;
      const offerType = text('OfferType');
      const result = await ask<{ policy: AnyView }>(h, () =>
        offerType === undefined
          ? h.policies.getProductPolicy(h.caller, h.tenantId, text('ProductId') ?? '', policyId)
          : h.policies.getOfferTypePolicy(h.caller, h.tenantId, offerType, policyId),
      );
      if (!result.ok) return h.error(refusalText(context, result.refusal));
      return h.emit(view(result.value.policy));
    }
    case 'Update-MSCommerceProductPolicy':
      return update(h, bound, policyId, text);
  }
}

async function listPolicies(h: CmdletHost, policyId: string, scope: string): Promise<void> {
  requireConnection(h);
  const context = `Failed to retrieve product policy with PolicyId '${policyId}'`;
  const lower = scope.toLowerCase();
  const result = await ask<{ policies: readonly AnyView[] }>(h, () =>
    lower === 'offertype'
      ? h.policies.listOfferTypePolicies(h.caller, h.tenantId, policyId)
      : h.policies.listProductPolicies(h.caller, h.tenantId, policyId),
  );
  if (!result.ok) return h.error(refusalText(context, result.refusal));
  if (lower !== '' && lower !== 'product' && lower !== 'offertype') {
    const message = `Scope '${scope}' is not supported. Use Product or OfferType.`;
    return h.error(handleErrorText(context, 400, 'Bad Request', details('BadRequest', message)));
  }
  for (const policy of result.value.policies) await h.emit(view(policy));
}

/** Update-MSCommerceProductPolicy in the module's order: check -Enabled, need a connection, ShouldProcess, PUT. */
async function update(
  h: CmdletHost,
  bound: BoundParameters,
  policyId: string,
  text: (parameter: string) => string | undefined,
): Promise<void> {
  const enabled = text('Enabled');
  if (enabled !== undefined && !['true', 'false'].includes(enabled.toLowerCase())) {
    return h.error(`Update-MSCommerceProductPolicy : ${MODULE_TEXT.badEnabled}`);
  }
  requireConnection(h);
  if (bound.values.get('WhatIf') === true) {
    h.host(MODULE_TEXT.whatIf);
    return h.host(MODULE_TEXT.aborted);
  }
  // The chat cannot ask PowerShell's "Are you sure?" question; -Confirm counts as declining it.
  if (bound.values.get('Confirm') === true) return h.host(MODULE_TEXT.aborted);
  const value: PolicyValue =
    enabled !== undefined
      ? enabled.toLowerCase() === 'true'
        ? 'Enabled'
        : 'Disabled'
      : canonicalValue(text('Value') ?? '');
  const offerType = text('OfferType');
  const result = await ask<{ policy: AnyView }>(h, () =>
    offerType === undefined
      ? h.policies.updateProductPolicy(
          h.caller,
          h.tenantId,
          text('ProductId') ?? '',
          value,
          'MSCommerce',
          policyId,
        )
      : h.policies.updateOfferTypePolicy(
          h.caller,
          h.tenantId,
          offerType,
          value,
          'MSCommerce',
          policyId,
        ),
  );
  if (!result.ok) return h.error(refusalText('Failed to update product policy', result.refusal));
  h.host(MODULE_TEXT.updated);
  await h.emit(view(result.value.policy));
}

function requireConnection(h: CmdletHost): void {
  if (!h.isConnected()) throw new ScriptTerminatingError(MODULE_TEXT.notConnected);
}

function canonicalValue(typed: string): PolicyValue {
  const lower = typed.toLowerCase();
  if (lower === 'disabled') return 'Disabled';
  if (lower === 'onlytrialswithoutpaymentmethod') return 'OnlyTrialsWithoutPaymentMethod';
  return 'Enabled';
}

/** The objects in S-20 order: products PolicyId, ProductName, ProductId, PolicyValue; offer types with Scope*. */
function view(policy: AnyView): PsObject {
  if ('productId' in policy) {
    return psObject({
      PolicyId: policy.policyId,
      ProductName: policy.productName,
      ProductId: policy.productId,
      PolicyValue: policy.policyValue,
    });
  }
  return psObject({
    PolicyId: policy.policyId,
    Scope: policy.scope,
    ScopeId: policy.scopeId,
    ScopeValue: policy.scopeValue,
    PolicyValue: policy.policyValue,
  });
}

/** The response body the simulated licensing service sends with an error: always `{"error":{code,message}}`. */
function details(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** A domain refusal as the HTTP error the module would have caught (S-21). */
export function refusalText(context: string, refusal: Failure): string {
  const facts = refusal.facts;
  const str = (key: string): string => {
    const fact = facts[key];
    return typeof fact === 'string' ? fact : '';
  };
  switch (refusal.code) {
    case 'POLICY_NOT_FOUND': {
      const message = facts.policyId
        ? `Policy '${str('policyId')}' was not found.`
        : facts.offerType
          ? `Offer type '${str('offerType')}' was not found for policy '${POLICY_ID}'.`
          : `Product '${str('productId')}' was not found for policy '${POLICY_ID}'.`;
      return handleErrorText(context, 404, 'Not Found', details('NotFound', message));
    }
    case 'POLICY_FORBIDDEN':
    case 'ACCESS_DENIED': {
      const change = facts.action !== 'readPolicies';
      const message = change
        ? 'The signed-in user is not allowed to change self-service purchase policies in this tenant. ' +
          'Global Administrator or Billing Administrator is required (a partner needs Global Administrator).'
        : 'The signed-in user is not allowed to read self-service purchase policies in this tenant. ' +
          'Global Administrator, Billing Administrator or Global Reader is required.';
      return handleErrorText(context, 403, 'Forbidden', details('Forbidden', message));
    }
    case 'POLICY_BAD_REQUEST': {
      const message = facts.productId
        ? `The value '${str('value')}' is not supported for product '${str('productId')}' ` +
          `(${str('productName')}): it has no trial without a payment method.`
        : `The value '${str('value')}' is not supported for offer type '${str('offerType')}'. ` +
          'Offer types accept Enabled or Disabled.';
      return handleErrorText(context, 400, 'Bad Request', details('BadRequest', message));
    }
    case 'BACKEND_FAILURE':
      // The change may or may not have landed (the reply can be lost after the write): say how to find out.
      return handleErrorText(
        context,
        503,
        'Server Unavailable',
        details(
          'ServiceUnavailable',
          'The service could not complete the request. Check the current value with the Get cmdlets, then try again.',
        ),
      );
    case 'DIRECTORY_UNAVAILABLE':
      return handleErrorText(
        context,
        503,
        'Server Unavailable',
        details(
          'ServiceUnavailable',
          'The service is temporarily unavailable. Try the command again in a few minutes.',
        ),
      );
    default:
      return handleErrorText(
        context,
        500,
        'Internal Server Error',
        details('InternalServerError', 'The request could not be completed.'),
      );
  }
}
