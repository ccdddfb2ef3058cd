// The tenant-wide cells of the §1.2 permission matrix, each checked through the real service as that actor.

import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import type { Domain } from '../../services/domain.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import type { Result } from '../../services/result.js';
import { addCard, expectOk, POLICY_IDS, PRODUCT, type Fixture } from '../helpers/domainFixture.js';
import { tenantId } from '../helpers/seed.js';
import { baseScene, outcome, row, runMatrix, type Cell } from '../helpers/permissionMatrix.js';
import { forEachDirectory } from '../helpers/directories.js';

/** Changes Visio Plan 2's policy through a channel; a refusal must leave the value as it was. */
function changePolicy(via: 'MSCommerce' | 'policyCard') {
  return async ({ f, who, contoso }: Cell): Promise<string> => {
    const result = await f.domain.policies.updateProductPolicy(
      who,
      contoso,
      PRODUCT.visioPlan2,
      'Disabled',
      via,
    );
    const now = await f.domain.policies.valueFor(contoso, PRODUCT.visioPlan2);
    if (!result.ok && now !== 'Enabled') return 'refused, but changed anyway';
    return outcome(result, () => now === 'Disabled');
  };
}

/** Bob asks for a Power BI Pro license after Carol disabled the product; the actor then decides on it. */
function decideRequest(approve: boolean) {
  return async ({ f, who, contoso }: Cell): Promise<string> => {
    await setPolicy(f, 'carol', PRODUCT.powerBiPro, 'Disabled');
    const request = expectOk(
      await f.domain.licenseRequests.request(
        f.as('bob'),
        PRODUCT.powerBiPro,
        { forSelf: true, others: [] },
        'req-1',
      ),
    );
    const pending = await f.domain.licenseRequests.list(who, contoso, 'pending');
    if (!pending.ok) return pending.refusal.code;
    if (!pending.value.some((r) => r.id === request.id)) return 'request not listed';
    const decided = await f.domain.licenseRequests.decide(
      who,
      contoso,
      request.id,
      approve
        ? { approveUserIds: 'all', centralSubscriptionId: 'c1-central-powerbi-pro' }
        : { approveUserIds: [] },
      'decide-1',
    );
    return outcome(decided, (r) => r.status === (approve ? 'Approved' : 'Denied'));
  };
}

async function setPolicy(f: Fixture, name: string, productId: string, value: PolicyValue) {
  const admin = f.as(name);
  expectOk(
    await f.domain.policies.updateProductPolicy(admin, admin.tenantId, productId, value, 'chat'),
  );
}

/** 'notified' when the actor has a pending notification of this kind about the subject. */
async function notified(f: Fixture, who: Caller, kind: string, subjectId: string) {
  const pending = await f.domain.outbox.pending(who);
  return pending.some((e) => e.kind === kind && e.subjectId === subjectId) ? 'notified' : 'silent';
}

forEachDirectory('permission matrix (domain.md §1.2): tenant-wide actions', () => {
  runMatrix([
    row(
      'start a self-service purchase (admins are ordinary users here)',
      // user   guest    buyer    GA       billing  reader   licence  user adm partnerGA partnerBR
      'Y        GUEST    Y        Y        Y        Y        Y        Y        -        -',
      async ({ f, who }) => {
        const card = await addCard(f, who);
        const bought = await f.domain.purchases.purchase({
          caller: who,
          productId: PRODUCT.visioPlan2,
          quantity: 1,
          payment: { cardId: card.cardId },
          idempotencyKey: 'buy-1',
        });
        return outcome(bought, (r) => r.kind === 'Paid' && r.quantity === 1);
      },
    ),
    row(
      'start a self-service trial without payment method',
      'Y        GUEST    Y        Y        Y        Y        Y        Y        -        -',
      async ({ f, who }) => {
        const trial = await f.domain.purchases.startTrial({
          caller: who,
          productId: PRODUCT.projectPlan1,
          idempotencyKey: 'trial-1',
        });
        return outcome(trial, (r) => r.kind === 'TrialNoPayment');
      },
    ),
    row(
      'start a self-service trial with a card',
      'Y        GUEST    Y        Y        Y        Y        Y        Y        -        -',
      async ({ f, who }) => {
        const card = await addCard(f, who);
        const trial = await f.domain.purchases.startTrial({
          caller: who,
          productId: PRODUCT.powerApps,
          payment: { cardId: card.cardId },
          idempotencyKey: 'trial-1',
        });
        return outcome(trial, (r) => r.kind === 'TrialWithPayment');
      },
    ),
    row(
      "see self-service purchases ('own': only Alice's; 'all': Alice's and Heidi's)",
      'DENIED   DENIED   own      all      all      all      DENIED   DENIED   all      all',
      async ({ f, who, contoso, sub, other }) => {
        const overview = await f.domain.overview.list(who, contoso);
        if (overview.ok) {
          const ids = overview.value.items.map((i) => i.id);
          return ids.includes(sub) && ids.includes(other) ? 'all' : `saw ${ids.length}`;
        }
        const mine = expectOk(await f.domain.buyers.myPurchases(who)).map((v) => v.id);
        return mine.length > 0
          ? mine.join() === sub
            ? 'own'
            : 'more than own'
          : overview.refusal.code;
      },
    ),
    row(
      'read policies (Get-MSCommerceProductPolicies)',
      '403      403      403      Y        Y        Y        403      403      Y        Y',
      async ({ f, who, contoso }) =>
        outcome(await f.domain.policies.listProductPolicies(who, contoso), (v) => {
          // Every product of the policy (§5's 2024 list), not only the nine sold here.
          const ids = v.policies.map((p) => p.productId);
          return (
            ids.join() === POLICY_IDS.join() && v.policies.every((p) => p.policyValue === 'Enabled')
          );
        }),
    ),
    row(
      'change policies (Update-MSCommerceProductPolicy)',
      '403      403      403      Y        Y        403      403      403      Y        403',
      changePolicy('MSCommerce'),
    ),
    // The settings card is the bot's admin-center page, which needs the Global admin role (§1.2, §7.1 no. 5).
    row(
      'change policies on the settings card (admin center: Global admin only)',
      '403      403      403      Y        DENIED   403      403      403      Y        403',
      changePolicy('policyCard'),
    ),
    row(
      'approve license requests',
      'DENIED   DENIED   DENIED   Y        DENIED   DENIED   Y        Y        Y        DENIED',
      decideRequest(true),
    ),
    row(
      'deny license requests',
      'DENIED   DENIED   DENIED   Y        DENIED   DENIED   Y        Y        Y        DENIED',
      decideRequest(false),
    ),
    row(
      "receive the notification of Alice's purchase (S-23)",
      'silent   silent   silent   notified notified silent   silent   silent   -        -',
      async ({ f, who, sub }) => notified(f, who, 'AdminPurchaseCreated', sub),
    ),
    row(
      "receive the notification of the tenant's first trial of a product (S-23)",
      'silent   silent   silent   notified silent   silent   silent   silent   -        -',
      async ({ f, who }) => {
        const trial = expectOk(
          await f.domain.purchases.startTrial({
            caller: f.as('heidi'),
            productId: PRODUCT.projectPlan1,
            idempotencyKey: 'trial-1',
          }),
        );
        return notified(f, who, 'AdminFirstTrialStarted', trial.subscriptionId);
      },
    ),
  ]);

  it('Peggy, Global and Billing admin at once, is told of a purchase once', async () => {
    const { f, sub } = await baseScene();
    const pending = await f.domain.outbox.pending(f.as('peggy'));
    expect(pending.filter((e) => e.subjectId === sub).map((e) => e.kind)).to.deep.equal([
      'AdminPurchaseCreated',
    ]);
  });

  describe('someone without a relationship to the tenant gets nothing there', () => {
    type Act = (d: Domain, who: Caller, tenant: string) => Promise<Result<unknown>>;
    const cancel = { kind: 'cancel', reason: 'test' } as const;
    const actions: Record<string, [string, Act]> = {
      'see purchases': ['ACCESS_DENIED', (d, w, t) => d.overview.list(w, t)],
      'read policies': ['POLICY_FORBIDDEN', (d, w, t) => d.policies.listProductPolicies(w, t)],
      'read the audit trail': ['POLICY_FORBIDDEN', (d, w, t) => d.policies.auditTrail(w, t)],
      'change a policy': [
        'POLICY_FORBIDDEN',
        (d, w, t) => d.policies.updateProductPolicy(w, t, PRODUCT.powerApps, 'Disabled', 'chat'),
      ],
      'take over': ['ACCESS_DENIED', (d, w, t) => d.takeovers.takeOver(w, t, 'S-1', cancel, 'op')],
      'list license requests': ['ACCESS_DENIED', (d, w, t) => d.licenseRequests.list(w, t)],
    };
    // who, their tenant, the tenant they try to act on
    const strangers: [string, string, string][] = [
      ['quinn (Adatum, not an agent)', 'Adatum Partners', 'Contoso'],
      ['pat (Adatum agent)', 'Adatum Partners', 'Northwind Traders Brasil'],
      ['tom (Tailspin agent)', 'Tailspin MSP', 'Fabrikam India'],
      ['bob (Contoso user)', 'Contoso', 'Northwind Traders Brasil'],
    ];
    for (const [who, home, target] of strangers) {
      for (const [action, [code, act]] of Object.entries(actions)) {
        it(`${who} on ${target}: ${action} -> ${code}`, async () => {
          const { f } = await baseScene();
          const caller = f.as(who.split(' ')[0] ?? who, home);
          expect(outcome(await act(f.domain, caller, tenantId(f.seed, target)))).to.equal(code);
        });
      }
    }
  });

  it('a partner acts per customer: Tom is Global admin on Northwind but only reader on Contoso', async () => {
    const { f, contoso } = await baseScene();
    const tom = f.as('tom', 'Tailspin MSP');
    const northwind = tenantId(f.seed, 'Northwind Traders Brasil');
    const update = (t: string) =>
      f.domain.policies.updateProductPolicy(tom, t, PRODUCT.powerApps, 'Disabled', 'chat');
    expect(outcome(await update(northwind))).to.equal('ok');
    expect(outcome(await update(contoso))).to.equal('POLICY_FORBIDDEN');
    expect(await f.domain.policies.valueFor(northwind, PRODUCT.powerApps)).to.equal('Disabled');
    expect(await f.domain.policies.valueFor(contoso, PRODUCT.powerApps)).to.equal('Enabled');
  });
});
