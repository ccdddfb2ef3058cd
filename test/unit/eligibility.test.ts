// The eligibility rules of domain.md §2, one row per rule and branch; the first failing rule decides.

import { expect } from 'chai';
import { findProductById } from '../../services/catalog/catalog.js';
import type { DirectorySeed } from '../../services/directory/seedSchema.js';
import type {
  Applicant,
  Eligibility,
  Intent,
  PaymentKind,
} from '../../services/eligibility/eligibility.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import type { Facts, RefusalCode } from '../../services/result.js';
import { expectOk, fixture, PRODUCT, type Fixture } from '../helpers/domainFixture.js';
import { demoSeed, person, tenantId } from '../helpers/seed.js';
import { forEachDirectory } from '../helpers/directories.js';

type SeedUser = DirectorySeed['tenants'][number]['users'][number];
type ProductKey = keyof typeof PRODUCT;

/** The demo seed plus four people it lacks, for the rule-order and usage-location rows. */
function extendedSeed(): DirectorySeed {
  const seed = structuredClone(demoSeed());
  const add = (tenantName: string, user: Partial<SeedUser> & Pick<SeedUser, 'id' | 'upn'>) => {
    const defaults = { displayName: user.upn, userType: 'Member', source: 'cloud' } as const;
    const rest = { accountEnabled: true, deleted: false, country: 'US', roles: [] };
    seed.tenants.find((t) => t.name === tenantName)?.users.push({ ...defaults, ...rest, ...user });
  };
  const homeTenantId = tenantId(seed, 'Contoso');
  add('Contoso University', {
    id: 'x-gus',
    upn: 'gus@contoso.edu',
    userType: 'Guest',
    homeTenantId,
  });
  add('City of Springfield', { id: 'x-dora', upn: 'dora@springfield.gov', accountEnabled: false });
  add('Northwind Traders Brasil', { id: 'x-lia', upn: 'lia@northwind.com.br', country: '' });
  add('Northwind Traders Brasil', { id: 'x-uma', upn: 'uma@northwind.com.br', country: 'US' });
  return seed;
}

/** Fjällbacka's own request process, shown instead of "Request a license". */
const FJALLBACKA_REQUESTS =
  demoSeed().tenants.find((t) => t.country === 'SE')?.customRequestMessage ??
  '(missing from the seed)';

const RULE: Partial<Record<RefusalCode, number>> = {
  NO_TENANT: 1,
  ACCOUNT_DISABLED: 2,
  GUEST_NOT_ALLOWED: 3,
  TENANT_NOT_ELIGIBLE: 4,
  MARKET_NOT_ELIGIBLE: 5,
  PRODUCT_NOT_AVAILABLE: 6,
  POLICY_TRIALS_ONLY: 7,
  POLICY_DISABLED: 7,
  PAYMENT_METHOD_NOT_SUPPORTED: 8,
  TRIAL_NOT_AVAILABLE: 9,
  INVALID_QUANTITY: 10,
};

interface Ask {
  readonly intent?: Intent;
  readonly quantity?: number;
  readonly paymentKind?: PaymentKind;
  readonly hadTrial?: boolean;
  /** Set by a Global admin of the person's tenant before the check. */
  readonly policy?: PolicyValue;
}

/** Sets a product's policy as the first Global admin of the tenant. */
async function setPolicy(f: Fixture, tenant: string, productId: string, value: PolicyValue) {
  const admin = f.seed.tenants
    .find((t) => t.id === tenant)
    ?.users.find((u) => u.roles.includes('GlobalAdministrator'));
  if (!admin) throw new Error(`No Global admin in ${tenant}`);
  const caller = { tenantId: tenant, userId: admin.id };
  expectOk(await f.domain.policies.updateProductPolicy(caller, tenant, productId, value, 'chat'));
}

/**
 * Checks `who` for a product: a Contoso chat user by first name ("alice"), a chat user of another tenant by
 * "name@domain" ("sam@contoso.edu"), or an address typed in ("mail:kim@unknown.example").
 */
async function check(who: string, productKey: ProductKey, ask: Ask = {}): Promise<Eligibility> {
  const f = fixture({ seed: extendedSeed() });
  const product = findProductById(PRODUCT[productKey]);
  if (!product) throw new Error(`No product ${productKey}`);
  let applicant: Applicant;
  if (who.startsWith('mail:')) {
    applicant = { email: who.slice('mail:'.length) };
  } else {
    const [name = who, domain = 'contoso.com'] = who.split('@');
    const tenant = f.seed.tenants.find((t) => t.domains.includes(domain));
    applicant = { caller: person(f.seed, name, tenant?.name) };
  }
  const tenant = 'caller' in applicant ? applicant.caller.tenantId : '';
  if (ask.policy) await setPolicy(f, tenant, product.productId, ask.policy);
  return f.domain.eligibility.check({
    applicant,
    product,
    intent: ask.intent ?? 'purchase',
    quantity: ask.quantity ?? 1,
    paymentKind: ask.paymentKind,
    hadTrial: ask.hadTrial,
  });
}

/** Asserts the verdict: eligible, or refused by the named code's rule with at least these facts. */
function expectVerdict(verdict: Eligibility, want: RefusalCode | 'eligible', facts?: Facts) {
  expect(verdict.eligible ? 'eligible' : verdict.code).to.equal(want);
  if (verdict.eligible || want === 'eligible') return;
  expect(verdict.rule).to.equal(RULE[want]);
  if (facts) expect(verdict.facts).to.deep.include(facts);
}

forEachDirectory('eligibility (domain.md §2)', () => {
  describe('rule 1: an existing managed tenant (S-1)', () => {
    const cases: [string, string][] = [
      ['an unknown domain', 'mail:kim@unknown.example'],
      ['consumer mail', 'mail:alice.anderson@gmail.com'],
      ['consumer mail at outlook.com', 'mail:bob@outlook.com'],
      ['text that is no address', 'mail:alice'],
      ['an unmanaged tenant, typed in', 'mail:lee@litware-viral.com'],
      ['an unmanaged tenant, chat user', 'lee@litware-viral.com'],
    ];
    for (const [what, who] of cases) {
      it(`${what} (${who}) -> NO_TENANT`, async () => {
        expectVerdict(await check(who, 'powerApps'), 'NO_TENANT');
      });
    }
  });

  describe('rule 2: an account that can sign in', () => {
    const cases: [string, RefusalCode | 'eligible'][] = [
      ['ivan', 'ACCOUNT_DISABLED'],
      ['mallory', 'ACCOUNT_DISABLED'],
      ['mail:ivan@contoso.com', 'ACCOUNT_DISABLED'],
      ['mail:nobody@contoso.com', 'ACCOUNT_DISABLED'],
      ['heidi', 'eligible'],
      ['mail:ALICE@Contoso.com', 'eligible'],
    ];
    for (const [who, want] of cases) {
      it(`${who} -> ${want}`, async () => {
        expectVerdict(await check(who, 'powerApps'), want);
      });
    }
  });

  describe('rule 3: no guests', () => {
    it('judy, a guest in Contoso, is refused and told her home tenant', async () => {
      expectVerdict(await check('judy', 'powerApps'), 'GUEST_NOT_ALLOWED', {
        tenantName: 'Contoso',
        homeTenantName: 'Humongous Charity',
      });
    });

    it('the same judy may buy in her home tenant', async () => {
      expectVerdict(await check('mail:judy@humongous.org', 'powerApps'), 'eligible');
    });
  });

  describe('rule 4: tenant type and cloud (nonprofit is eligible, S-2)', () => {
    const cases: [string, ProductKey, RefusalCode | 'eligible', Facts?][] = [
      ['sam@contoso.edu', 'visioPlan1', 'TENANT_NOT_ELIGIBLE', { tenantType: 'education' }],
      ['homer@springfield.gov', 'powerApps', 'TENANT_NOT_ELIGIBLE', { tenantType: 'government' }],
      ['wei@contoso.cn', 'powerBiPro', 'TENANT_NOT_ELIGIBLE', { cloud: 'china21vianet' }],
      ['wei@contoso.cn', 'powerBiPremium', 'TENANT_NOT_ELIGIBLE', { cloud: 'china21vianet' }],
      ['wei@contoso.cn', 'visioPlan1', 'eligible'],
      ['wei@contoso.cn', 'powerApps', 'eligible'],
      ['hank@humongous.org', 'powerBiPro', 'eligible'],
    ];
    for (const [who, product, want, facts] of cases) {
      it(`${who}, ${product} -> ${want}`, async () => {
        expectVerdict(await check(who, product), want, facts);
      });
    }
  });

  describe('rule 5: market, by usage location, else the tenant country (S-3)', () => {
    const cases: [string, ProductKey, string][] = [
      ['raj@fabrikam.co.in', 'powerApps', 'IN'],
      ['raj@fabrikam.co.in', 'powerBiPro', 'IN'],
      ['priya', 'powerAutomate', 'IN'],
      ['joao@northwind.com.br', 'projectPlan1', 'BR'],
      ['joao@northwind.com.br', 'visioPlan2', 'BR'],
      ['joao@northwind.com.br', 'powerBiPro', 'eligible'],
      ['patrice@kinshasatraders.cd', 'visioPlan1', 'CD'],
      ['patrice@kinshasatraders.cd', 'projectPlan3', 'CD'],
      ['patrice@kinshasatraders.cd', 'powerAutomateRpa', 'eligible'],
      ['oscar', 'visioPlan2', 'eligible'],
      // Without usage location the tenant's country counts; with one, it wins over the tenant's.
      ['nora', 'visioPlan1', 'eligible'],
      ['lia@northwind.com.br', 'visioPlan1', 'BR'],
      ['uma@northwind.com.br', 'visioPlan1', 'eligible'],
    ];
    for (const [who, product, country] of cases) {
      const want = country === 'eligible' ? 'eligible' : 'MARKET_NOT_ELIGIBLE';
      it(`${who}, ${product} -> ${want}${want === 'eligible' ? '' : ` (${country})`}`, async () => {
        expectVerdict(await check(who, product), want, { country });
      });
    }
  });

  describe('rule 6: a product this bot sells', () => {
    it('alice asking for Copilot -> PRODUCT_NOT_AVAILABLE', async () => {
      expectVerdict(await check('alice', 'copilot'), 'PRODUCT_NOT_AVAILABLE');
    });
  });

  describe("rule 7: the tenant's policy", () => {
    const cases: [ProductKey, PolicyValue, Intent, RefusalCode | 'eligible'][] = [
      ['powerBiPro', 'Disabled', 'purchase', 'POLICY_DISABLED'],
      ['powerBiPro', 'Disabled', 'trialWithPayment', 'POLICY_DISABLED'],
      ['projectPlan1', 'Disabled', 'trialWithoutPayment', 'POLICY_DISABLED'],
      ['projectPlan1', 'OnlyTrialsWithoutPaymentMethod', 'purchase', 'POLICY_TRIALS_ONLY'],
      ['visioPlan1', 'OnlyTrialsWithoutPaymentMethod', 'trialWithPayment', 'POLICY_TRIALS_ONLY'],
      ['projectPlan1', 'OnlyTrialsWithoutPaymentMethod', 'trialWithoutPayment', 'eligible'],
      ['powerBiPro', 'Enabled', 'purchase', 'eligible'],
    ];
    for (const [product, policy, intent, want] of cases) {
      it(`${product} ${policy}, ${intent} -> ${want}`, async () => {
        expectVerdict(await check('alice', product, { policy, intent }), want);
      });
    }

    const requests: [string, Facts][] = [
      ['alice', { licenseRequestsEnabled: true, customRequestMessage: undefined }],
      ['joao@northwind.com.br', { licenseRequestsEnabled: false }],
      ['sven@fjallbacka.se', { customRequestMessage: FJALLBACKA_REQUESTS }],
    ];
    for (const [who, facts] of requests) {
      it(`tells ${who} how licenses can be requested instead: ${JSON.stringify(facts)}`, async () => {
        const verdict = await check(who, 'powerApps', { policy: 'Disabled' });
        expectVerdict(verdict, 'POLICY_DISABLED', facts);
      });
    }
  });

  describe('rule 8: cards only (S-4)', () => {
    const cases: [PaymentKind, Intent, RefusalCode | 'eligible'][] = [
      ['Invoice', 'purchase', 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['PurchaseOrder', 'purchase', 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['WireTransfer', 'purchase', 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['BankTransfer', 'purchase', 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['Check', 'purchase', 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['Invoice', 'trialWithPayment', 'PAYMENT_METHOD_NOT_SUPPORTED'],
      ['CreditCard', 'purchase', 'eligible'],
      ['DebitCard', 'purchase', 'eligible'],
    ];
    for (const [paymentKind, intent, want] of cases) {
      it(`${intent} paid by ${paymentKind} -> ${want}`, async () => {
        const verdict = await check('alice', 'powerBiPro', { paymentKind, intent });
        expectVerdict(verdict, want, { paymentKind });
      });
    }
  });

  describe('rule 9: trials', () => {
    const cases: [string, ProductKey, Intent, boolean, string][] = [
      ['alice', 'powerBiPro', 'trialWithoutPayment', false, 'productHasNoFreeTrial'],
      ['sven@fjallbacka.se', 'projectPlan1', 'trialWithoutPayment', false, 'noExistingAgreement'],
      ['alice', 'visioPlan1', 'trialWithoutPayment', true, 'alreadyHadTrial'],
      ['alice', 'visioPlan1', 'trialWithoutPayment', false, 'eligible'],
      ['alice', 'powerBiPro', 'trialWithPayment', false, 'eligible'],
      ['sven@fjallbacka.se', 'powerBiPro', 'trialWithPayment', false, 'eligible'],
    ];
    for (const [who, product, intent, hadTrial, reason] of cases) {
      const want = reason === 'eligible' ? 'eligible' : 'TRIAL_NOT_AVAILABLE';
      const before = hadTrial ? ' after a first trial' : '';
      it(`${who}, ${product}, ${intent}${before} -> ${want} ${reason}`, async () => {
        expectVerdict(await check(who, product, { intent, hadTrial }), want, { reason });
      });
    }
  });

  describe('rule 10: quantity 1 to 10,000 (S-5)', () => {
    const cases: [number, RefusalCode | 'eligible'][] = [
      [0, 'INVALID_QUANTITY'],
      [-1, 'INVALID_QUANTITY'],
      [1.5, 'INVALID_QUANTITY'],
      [10_001, 'INVALID_QUANTITY'],
      [Number.NaN, 'INVALID_QUANTITY'],
      [1, 'eligible'],
      [10_000, 'eligible'],
    ];
    for (const [quantity, want] of cases) {
      it(`${quantity} licenses -> ${want}`, async () => {
        expectVerdict(await check('alice', 'powerApps', { quantity }), want);
      });
    }
  });

  describe('when several rules fail, the lowest number decides', () => {
    const cases: [string, ProductKey, Ask, RefusalCode][] = [
      ['dora@springfield.gov', 'powerApps', {}, 'ACCOUNT_DISABLED'],
      ['gus@contoso.edu', 'powerApps', {}, 'GUEST_NOT_ALLOWED'],
      ['judy', 'copilot', {}, 'GUEST_NOT_ALLOWED'],
      ['sam@contoso.edu', 'powerApps', { policy: 'Disabled' }, 'TENANT_NOT_ELIGIBLE'],
      ['priya', 'copilot', {}, 'MARKET_NOT_ELIGIBLE'],
      ['raj@fabrikam.co.in', 'powerApps', { policy: 'Disabled' }, 'MARKET_NOT_ELIGIBLE'],
      ['alice', 'powerApps', { policy: 'Disabled', paymentKind: 'Invoice' }, 'POLICY_DISABLED'],
      ['alice', 'powerApps', { paymentKind: 'Check', quantity: 0 }, 'PAYMENT_METHOD_NOT_SUPPORTED'],
    ];
    for (const [who, product, ask, want] of cases) {
      it(`${who}, ${product}, ${JSON.stringify(ask)} -> ${want}`, async () => {
        expectVerdict(await check(who, product, ask), want);
      });
    }
  });

  it('an eligible verdict quotes the price of the day and whether a free trial is offered', async () => {
    const verdict = await check('alice', 'visioPlan1');
    expect(verdict.eligible && verdict.facts).to.deep.include({
      unitPriceCents: 500,
      trialWithoutPaymentMethod: true,
      policy: 'Enabled',
    });
  });
});
