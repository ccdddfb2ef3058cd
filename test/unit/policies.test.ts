// AllowSelfServicePurchase as the MSCommerce module shows it (§6, S-16 to S-21): values, ids, errors and audit trail.

import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import { findProductById } from '../../services/catalog/catalog.js';
import { MS_PER_HOUR } from '../../services/clock.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import type { Result } from '../../services/result.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import {
  buy,
  expectOk,
  fixture,
  NOT_SOLD,
  POLICY_IDS,
  PRODUCT,
  START,
} from '../helpers/domainFixture.js';
import { tenantId } from '../helpers/seed.js';

type ProductKey = keyof typeof PRODUCT;
const IN_SCOPE = Object.keys(PRODUCT).filter((k) => k !== 'copilot') as ProductKey[];

function setup() {
  const f = fixture();
  const contoso = tenantId(f.seed, 'Contoso');
  const carol = f.as('carol');
  const update = (who: Caller, productId: string, value: PolicyValue, policyId?: string) =>
    f.domain.policies.updateProductPolicy(who, contoso, productId, value, 'MSCommerce', policyId);
  const valueOf = (productId: string) => f.domain.policies.valueFor(contoso, productId);
  return { f, contoso, carol, update, valueOf };
}

function code<T>(result: Result<T>): string {
  return result.ok ? 'ok' : result.refusal.code;
}

describe('product policies (MSCommerce, domain.md §6)', () => {
  it('every product starts Enabled, listed as PolicyId, ProductName, ProductId, PolicyValue (S-20)', async () => {
    const { f, contoso, carol } = setup();
    const { policies } = expectOk(await f.domain.policies.listProductPolicies(carol, contoso));
    // The whole 2024 list of §5 in catalog order: the nine sold here, then Copilot and the others.
    expect(policies.map((p) => p.productId)).to.deep.equal(POLICY_IDS);
    expect(policies.slice(9).map((p) => p.productName)).to.deep.equal(
      NOT_SOLD.map(([name]) => name),
    );
    for (const p of policies) {
      expect(Object.keys(p)).to.deep.equal(['policyId', 'productName', 'productId', 'policyValue']);
      expect(p).to.include({ policyId: 'AllowSelfServicePurchase', policyValue: 'Enabled' });
    }
  });

  it('every offer type starts Enabled, listed as PolicyId, Scope, ScopeId, ScopeValue, PolicyValue', async () => {
    const { f, contoso, carol } = setup();
    const { policies } = expectOk(await f.domain.policies.listOfferTypePolicies(carol, contoso));
    expect(policies.map((p) => [p.scopeId, p.scopeValue, p.policyValue])).to.deep.equal([
      ['SaaS', 'Software as a Service', 'Enabled'],
      ['POWERBIVISUALS', 'Power BI Visuals', 'Enabled'],
      ['DYNAMICSCE', 'Dynamics 365 Dataverse Apps', 'Enabled'],
      ['DYNAMICSBC', 'Dynamics 365 Business Central', 'Enabled'],
    ]);
    expect(Object.keys(policies[0] ?? {})).to.deep.equal([
      'policyId',
      'scope',
      'scopeId',
      'scopeValue',
      'policyValue',
    ]);
  });

  describe('updating by current or legacy id; output shows the current id (S-16)', () => {
    const ids: [string, string][] = [
      ['CFQ7TTC0H9MP', PRODUCT.powerBiPro],
      ['CFQ7TTC0L3PB', PRODUCT.powerBiPro],
      ['cfq7ttc0kxn9', PRODUCT.visioPlan1],
      ['CFQ7TTC0KP0N', PRODUCT.powerAutomate],
    ];
    for (const [typed, current] of ids) {
      it(`${typed} -Enabled $false disables ${findProductById(current)?.name}, shown as ${current}`, async () => {
        const { f, carol, update, valueOf } = setup();
        const { policy, changed } = expectOk(await update(carol, typed, 'Disabled'));
        expect(policy).to.include({ productId: current, policyValue: 'Disabled' });
        expect(changed).to.equal(true);
        expect(await valueOf(current)).to.equal('Disabled');
        const legacy = findProductById(current)?.legacyIds[0] ?? '';
        const other = typed.toUpperCase() === current ? legacy : current;
        const viaOtherId = await f.domain.policies.getProductPolicy(carol, carol.tenantId, other);
        expect(expectOk(viaOtherId).policy).to.include({
          productId: current,
          policyValue: 'Disabled',
        });
      });
    }
  });

  it('-Enabled $true after $false is simply Enabled again; the same value twice changes nothing', async () => {
    const { carol, update, valueOf } = setup();
    expect(expectOk(await update(carol, PRODUCT.powerApps, 'Disabled')).changed).to.equal(true);
    expect(expectOk(await update(carol, PRODUCT.powerApps, 'Disabled')).changed).to.equal(false);
    expect(expectOk(await update(carol, PRODUCT.powerApps, 'Enabled')).changed).to.equal(true);
    expect(await valueOf(PRODUCT.powerApps)).to.equal('Enabled');
  });

  describe('refusals leave the value unchanged (S-19, S-21)', () => {
    // what, who, ProductId, value, expected, PolicyId
    const cases: [string, string, string, PolicyValue, string, string?][] = [
      ['an unknown ProductId', 'carol', 'CFQ7TTC0XXXX', 'Disabled', 'POLICY_NOT_FOUND'],
      [
        'Windows 365 Enterprise, dropped from the 2024 list',
        'carol',
        'CFQ7TTC0HHS9',
        'Disabled',
        'POLICY_NOT_FOUND',
      ],
      [
        'Copilot, which has no free trial',
        'carol',
        PRODUCT.copilot,
        'OnlyTrialsWithoutPaymentMethod',
        'POLICY_BAD_REQUEST',
      ],
      [
        'another PolicyId',
        'carol',
        PRODUCT.powerApps,
        'Disabled',
        'POLICY_NOT_FOUND',
        'AllowTrial',
      ],
      ['a Global reader', 'erin', PRODUCT.powerApps, 'Disabled', 'POLICY_FORBIDDEN'],
      ['a License admin', 'frank', PRODUCT.powerApps, 'Disabled', 'POLICY_FORBIDDEN'],
      [
        'Power BI Pro',
        'carol',
        PRODUCT.powerBiPro,
        'OnlyTrialsWithoutPaymentMethod',
        'POLICY_BAD_REQUEST',
      ],
    ];
    for (const [what, name, productId, value, want, policyId] of cases) {
      it(`${what}, ${value} -> ${want}`, async () => {
        const { f, contoso, update, valueOf } = setup();
        expect(code(await update(f.as(name), productId, value, policyId))).to.equal(want);
        expect(await valueOf(PRODUCT.powerApps)).to.equal('Enabled');
        expect(await valueOf(PRODUCT.powerBiPro)).to.equal('Enabled');
        const trail = expectOk(await f.domain.policies.auditTrail(f.as('carol'), contoso));
        expect(trail.entries).to.deep.equal([]);
      });
    }

    it('reading with another PolicyId or an unknown ProductId is 404 too', async () => {
      const { f, contoso, carol } = setup();
      const p = f.domain.policies;
      expect(code(await p.listProductPolicies(carol, contoso, 'AllowTrials'))).to.equal(
        'POLICY_NOT_FOUND',
      );
      expect(code(await p.getProductPolicy(carol, contoso, 'NOPE'))).to.equal('POLICY_NOT_FOUND');
      expect(code(await p.getOfferTypePolicy(carol, contoso, 'AZURE'))).to.equal(
        'POLICY_NOT_FOUND',
      );
    });

    it('the PolicyId is matched without regard to case, as PowerShell does', async () => {
      const { carol, update } = setup();
      expect(
        code(await update(carol, PRODUCT.powerApps, 'Disabled', 'allowselfservicepurchase')),
      ).to.equal('ok');
    });
  });

  describe('OnlyTrialsWithoutPaymentMethod only where a free trial exists (S-19)', () => {
    const products: [string, string, boolean][] = [
      ...IN_SCOPE.map((key): [string, string, boolean] => {
        const product = findProductById(PRODUCT[key]);
        return [product?.name ?? key, PRODUCT[key], product?.trialWithoutPaymentMethod ?? false];
      }),
      // Not sold here, but the policy follows their own flag (§5): Teams Exploratory yes, Copilot no.
      ...NOT_SOLD.map(([name, id, freeTrial]): [string, string, boolean] => [name, id, freeTrial]),
    ];
    for (const [name, id, freeTrial] of products) {
      const want = freeTrial ? 'ok' : 'POLICY_BAD_REQUEST';
      it(`${name} -> ${want}`, async () => {
        const { carol, update, valueOf } = setup();
        const result = await update(carol, id, 'OnlyTrialsWithoutPaymentMethod');
        expect(code(result)).to.equal(want);
        const now = await valueOf(id);
        expect(now).to.equal(want === 'ok' ? 'OnlyTrialsWithoutPaymentMethod' : 'Enabled');
      });
    }
  });

  describe('a product the policy covers but this bot does not sell (Copilot)', () => {
    it('is read and changed like the others, by current id, and lands in the audit trail', async () => {
      const { f, contoso, carol, update, valueOf } = setup();
      const read = expectOk(
        await f.domain.policies.getProductPolicy(carol, contoso, 'cfq7ttc0mm8r'),
      );
      expect(read.policy).to.deep.equal({
        policyId: 'AllowSelfServicePurchase',
        productName: 'Microsoft 365 Copilot',
        productId: PRODUCT.copilot,
        policyValue: 'Enabled',
      });
      const { policy, changed } = expectOk(await update(carol, PRODUCT.copilot, 'Disabled'));
      expect(changed).to.equal(true);
      expect(policy).to.include({ productId: PRODUCT.copilot, policyValue: 'Disabled' });
      expect(await valueOf(PRODUCT.copilot)).to.equal('Disabled');
      const { entries } = expectOk(await f.domain.policies.auditTrail(carol, contoso));
      expect(entries.map((e) => [e.target, e.targetName, e.oldValue, e.newValue])).to.deep.equal([
        [PRODUCT.copilot, 'Microsoft 365 Copilot', 'Enabled', 'Disabled'],
      ]);
    });

    it('disabled or not, people asking for it are told it is not sold here (rule 6 before rule 7)', async () => {
      const { f, carol, update } = setup();
      const copilot = findProductById(PRODUCT.copilot);
      if (!copilot) throw new Error('no Copilot');
      const ask = async () => {
        const verdict = await f.domain.eligibility.check({
          applicant: { caller: f.as('bob') },
          product: copilot,
          intent: 'purchase',
        });
        return verdict.eligible ? 'eligible' : verdict.code;
      };
      expect(await ask()).to.equal('PRODUCT_NOT_AVAILABLE');
      expectOk(await update(carol, PRODUCT.copilot, 'Disabled'));
      expect(await ask()).to.equal('PRODUCT_NOT_AVAILABLE');
    });
  });

  describe('offer types take Enabled or Disabled only', () => {
    const cases: [string, PolicyValue, string, string][] = [
      ['SaaS', 'Disabled', 'ok', 'Disabled'],
      ['saas', 'Disabled', 'ok', 'Disabled'],
      ['POWERBIVISUALS', 'Disabled', 'ok', 'Enabled'],
      ['SaaS', 'OnlyTrialsWithoutPaymentMethod', 'POLICY_BAD_REQUEST', 'Enabled'],
      ['AZURE', 'Disabled', 'POLICY_NOT_FOUND', 'Enabled'],
    ];
    for (const [offerType, value, want, saasAfter] of cases) {
      it(`${offerType} -> ${value}: ${want}, SaaS is then ${saasAfter}`, async () => {
        const { f, contoso, carol, valueOf } = setup();
        const p = f.domain.policies;
        const result = await p.updateOfferTypePolicy(
          carol,
          contoso,
          offerType,
          value,
          'MSCommerce',
        );
        expect(code(result)).to.equal(want);
        const saas = expectOk(await p.getOfferTypePolicy(carol, contoso, 'SaaS')).policy;
        expect(saas.policyValue).to.equal(saasAfter);
        expect(await valueOf(PRODUCT.powerApps)).to.equal('Enabled');
      });
    }
  });

  describe('who may read (S-18, S-21)', () => {
    const readers: [string, string, string][] = [
      ['carol', 'Contoso', 'ok'],
      ['dave', 'Contoso', 'ok'],
      ['erin', 'Contoso', 'ok'],
      ['pat', 'Adatum Partners', 'ok'],
      ['tom', 'Tailspin MSP', 'ok'],
      ['bob', 'Contoso', 'POLICY_FORBIDDEN'],
      ['grace', 'Contoso', 'POLICY_FORBIDDEN'],
    ];
    for (const [name, home, want] of readers) {
      it(`${name} reads one product, the offer types and the audit trail: ${want}`, async () => {
        const { f, contoso } = setup();
        const p = f.domain.policies;
        const who = f.as(name, home);
        expect(code(await p.getProductPolicy(who, contoso, PRODUCT.visioPlan2))).to.equal(want);
        expect(code(await p.listOfferTypePolicies(who, contoso))).to.equal(want);
        expect(code(await p.auditTrail(who, contoso))).to.equal(want);
      });
    }
  });

  it('the audit trail says who changed what, when, from which value, through what; newest first', async () => {
    const { f, contoso, carol, update } = setup();
    const pat = f.as('pat', 'Adatum Partners');
    await update(carol, 'CFQ7TTC0L3PB', 'Disabled');
    f.clock.advance(MS_PER_HOUR);
    await update(f.as('erin'), PRODUCT.visioPlan1, 'Disabled');
    await update(carol, PRODUCT.powerBiPro, 'Disabled');
    expectOk(
      await f.domain.policies.updateProductPolicy(
        pat,
        contoso,
        PRODUCT.visioPlan1,
        'OnlyTrialsWithoutPaymentMethod',
        'chat',
      ),
    );
    const { entries } = expectOk(await f.domain.policies.auditTrail(f.as('erin'), contoso));
    const rows = entries.map((e) => [e.at, e.byDisplayName, e.byTenantId, e.target, e.via]);
    expect(rows).to.deep.equal([
      ['2026-03-02T10:00:00.000Z', 'Pat Partner', pat.tenantId, PRODUCT.visioPlan1, 'chat'],
      [START, 'Carol Clark', contoso, PRODUCT.powerBiPro, 'MSCommerce'],
    ]);
    expect(entries.map((e) => [e.targetName, e.oldValue, e.newValue])).to.deep.equal([
      ['Visio Plan 1', 'Enabled', 'OnlyTrialsWithoutPaymentMethod'],
      ['Power BI Pro', 'Enabled', 'Disabled'],
    ]);
  });

  it('a change is not retroactive: the existing subscription stays Active and grows, new buyers are refused', async () => {
    const { f, carol, update } = setup();
    const receipt = await buy(f, f.as('alice'), PRODUCT.powerBiPro, 1);
    expectOk(await update(carol, PRODUCT.powerBiPro, 'Disabled'));

    const alice = f.as('alice');
    const more = await f.domain.buyers.changeQuantity(alice, receipt.subscriptionId, 2, 'more');
    expect(expectOk(more).type).to.equal('AddLicenses');
    const sub = expectOk(await f.domain.buyers.subscription(alice, receipt.subscriptionId));
    expect(sub).to.include({ status: 'Active', quantity: 2 });
    const product = findProductById(PRODUCT.powerBiPro);
    if (!product) throw new Error('no Power BI Pro');
    const bob = await f.domain.eligibility.check({
      applicant: { caller: f.as('bob') },
      product,
      intent: 'purchase',
    });
    expect(bob.eligible ? 'eligible' : bob.code).to.equal('POLICY_DISABLED');
  });

  it("a policy belongs to one tenant: Contoso's block leaves Northwind's product Enabled", async () => {
    const { f, carol, update } = setup();
    expectOk(await update(carol, PRODUCT.powerBiPro, 'Disabled'));
    const maria = f.as('maria', 'Northwind Traders Brasil');
    const northwind = maria.tenantId;
    const seen = expectOk(
      await f.domain.policies.getProductPolicy(maria, northwind, PRODUCT.powerBiPro),
    );
    expect(seen.policy.policyValue).to.equal('Enabled');
  });

  describe('an update that expects the value the admin saw (the policy card)', () => {
    /** Another bot instance on the same store: Dave's change lands between Carol's read and her write. */
    class InterleavingStore extends MemoryAtomicStore {
      private hook: (() => Promise<void>) | undefined;
      interleave(hook: () => Promise<void>): void {
        this.hook = hook;
      }
      override async compareAndSet<T>(key: string, version: number, value: T): Promise<boolean> {
        const hook = key.startsWith('policy:') ? this.hook : undefined;
        this.hook = undefined;
        if (hook) await hook();
        return super.compareAndSet(key, version, value);
      }
      override async insertIfAbsent<T>(key: string, value: T): Promise<boolean> {
        const hook = key.startsWith('policy:') ? this.hook : undefined;
        this.hook = undefined;
        if (hook) await hook();
        return super.insertIfAbsent(key, value);
      }
    }

    it('a change that lands between the read and the write is not overwritten, and is reported', async () => {
      const store = new InterleavingStore();
      const here = fixture({ store });
      const there = fixture({ store });
      const contoso = tenantId(here.seed, 'Contoso');
      // A first change, so the record exists and the next writes are compare-and-sets.
      expectOk(
        await here.domain.policies.updateProductPolicy(
          here.as('carol'),
          contoso,
          PRODUCT.visioPlan2,
          'Disabled',
          'MSCommerce',
        ),
      );
      store.interleave(async () => {
        expectOk(
          await there.domain.policies.updateProductPolicy(
            there.as('dave'),
            contoso,
            PRODUCT.projectPlan1,
            'Disabled',
            'MSCommerce',
          ),
        );
      });
      const carol = expectOk(
        await here.domain.policies.updateProductPolicy(
          here.as('carol'),
          contoso,
          PRODUCT.projectPlan1,
          'OnlyTrialsWithoutPaymentMethod',
          'policyCard',
          undefined,
          'Enabled',
        ),
      );
      expect(carol).to.deep.include({ changed: false, conflict: 'Disabled' });
      expect(carol.policy.policyValue).to.equal('Disabled');
      expect(await here.domain.policies.valueFor(contoso, PRODUCT.projectPlan1)).to.equal(
        'Disabled',
      );
      const trail = expectOk(await here.domain.policies.auditTrail(here.as('carol'), contoso));
      expect(trail.entries.filter((e) => e.target === PRODUCT.projectPlan1)).to.have.length(1);
      expect(trail.entries[0]).to.include({ byDisplayName: 'Dave Davis', newValue: 'Disabled' });
    });

    it('two admins who saw the same value, saving at once: one change is made, the other is told it', async () => {
      const store = new MemoryAtomicStore();
      const one = fixture({ store });
      const two = fixture({ store });
      const contoso = tenantId(one.seed, 'Contoso');
      const [carol, dave] = (
        await Promise.all([
          one.domain.policies.updateProductPolicy(
            one.as('carol'),
            contoso,
            PRODUCT.projectPlan1,
            'OnlyTrialsWithoutPaymentMethod',
            'policyCard',
            undefined,
            'Enabled',
          ),
          two.domain.policies.updateProductPolicy(
            two.as('dave'),
            contoso,
            PRODUCT.projectPlan1,
            'Disabled',
            'MSCommerce',
            undefined,
            'Enabled',
          ),
        ])
      ).map(expectOk);
      const made = [carol!, dave!].filter((u) => u.changed);
      expect(made, 'exactly one change is made').to.have.length(1);
      const winner = made[0]!.policy.policyValue;
      const loser = made[0] === carol ? dave! : carol!;
      expect(loser).to.deep.include({ changed: false, conflict: winner });
      expect(await one.domain.policies.valueFor(contoso, PRODUCT.projectPlan1)).to.equal(winner);
      const trail = expectOk(await one.domain.policies.auditTrail(one.as('carol'), contoso));
      expect(trail.entries).to.have.length(1);
    });

    it('the expected value still in place, or the requested one already set: no conflict', async () => {
      const { f, contoso, carol } = setup();
      const update = (value: PolicyValue, expected: PolicyValue) =>
        f.domain.policies.updateProductPolicy(
          carol,
          contoso,
          PRODUCT.visioPlan2,
          value,
          'MSCommerce',
          undefined,
          expected,
        );
      expect(expectOk(await update('Disabled', 'Enabled'))).to.deep.include({ changed: true });
      const same = expectOk(await update('Disabled', 'Enabled'));
      expect(same.changed).to.equal(false);
      expect(same.conflict).to.equal(undefined);
    });
  });
});
