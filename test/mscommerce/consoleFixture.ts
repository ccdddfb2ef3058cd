// A chat "console" over the demo domain: run MSCommerce scripts as a named person against Contoso.

import type { PolicyValue } from '../../services/policies/policyService.js';
import { runScript, type ScriptRun } from '../../dialogs/mscommerce/executor.js';
import { expectOk, fixture, PRODUCT, type Fixture } from '../helpers/domainFixture.js';
import { tenantId } from '../helpers/seed.js';

export const POLICY = 'AllowSelfServicePurchase';
export const IN_SCOPE_IDS = Object.entries(PRODUCT)
  .filter(([key]) => key !== 'copilot')
  .map(([, id]) => id);

/** Who runs the script: a first name, and the home tenant when it is not Contoso (partners). */
export interface Person {
  readonly name: string;
  readonly home?: string;
}

export interface Console {
  readonly f: Fixture;
  readonly contoso: string;
  /** Runs a script on Contoso; connected unless told otherwise. */
  run(script: string, who?: Person | string, connected?: boolean): Promise<ScriptRun>;
  /** The product's value as Carol (Global admin) reads it through the policy service. */
  valueOf(productId: string): Promise<PolicyValue>;
  /** Every in-scope product's value, in catalog order. */
  values(): Promise<PolicyValue[]>;
  offerTypeValue(offerType: string): Promise<string>;
}

/** A fresh domain per call, so that each test starts with every product Enabled. */
export function msCommerceConsole(): Console {
  const f = fixture();
  const contoso = tenantId(f.seed, 'Contoso');
  const carol = f.as('carol');
  const valueOf = async (productId: string) =>
    expectOk(await f.domain.policies.getProductPolicy(carol, contoso, productId)).policy
      .policyValue;
  return {
    f,
    contoso,
    run: (script, who = 'carol', connected = true) => {
      const person = typeof who === 'string' ? { name: who } : who;
      const caller = f.as(person.name, person.home);
      return runScript(
        script,
        { connected },
        { policies: f.domain.policies, caller, tenantId: contoso },
      );
    },
    valueOf,
    values: () => Promise.all(IN_SCOPE_IDS.map(valueOf)),
    offerTypeValue: async (offerType) =>
      expectOk(await f.domain.policies.getOfferTypePolicy(carol, contoso, offerType)).policy
        .policyValue,
  };
}
