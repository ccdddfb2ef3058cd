// A chat "console" over the demo domain: run MSCommerce scripts as a named person against Contoso.

import type { PolicyValue } from '../../services/policies/policyService.js';
import { runScript, type ScriptRun } from '../../dialogs/mscommerce/executor.js';
import {
  expectOk,
  fixture,
  NOT_SOLD,
  POLICY_IDS,
  SOLD_IDS,
  type Fixture,
} from '../helpers/domainFixture.js';
import { tenantId } from '../helpers/seed.js';

export const POLICY = 'AllowSelfServicePurchase';
/** The nine products this bot sells, in catalog order. */
export const IN_SCOPE_IDS = SOLD_IDS;
/** The products the policy covers that this bot does not sell (Copilot...), in catalog order. */
export const NOT_SOLD_IDS = NOT_SOLD.map(([, id]) => id);
/** Every product the policy covers, in the order Get-MSCommerceProductPolicies lists them (S-20). */
export { POLICY_IDS };

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
  /** Every product's value (the seventeen of POLICY_IDS), in catalog order. */
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
    values: () => Promise.all(POLICY_IDS.map(valueOf)),
    offerTypeValue: async (offerType) =>
      expectOk(await f.domain.policies.getOfferTypePolicy(carol, contoso, offerType)).policy
        .policyValue,
  };
}
