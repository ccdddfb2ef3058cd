// Decisions on a purchase notification (§4.7, S-23, §1.2): one admin's decision is carried out, everyone else is
// told it; only people who receive the notification and hold the action's right may decide.

import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import type { DecisionKind } from '../../services/admin/purchaseDecisions.js';
import {
  buy,
  expectOk,
  fixture,
  PRODUCT,
  refusalCode,
  type Fixture,
} from '../helpers/domainFixture.js';

type NoticeKind = Exclude<DecisionKind, 'takeOver'>;
const KINDS: readonly NoticeKind[] = ['keep', 'turnOff', 'cancel'];

/** Bob bought 2 Power BI Pro; Carol (Global admin) and Dave (Billing admin) got the notification. */
async function scene() {
  const f = fixture();
  const bob = f.as('bob');
  const { subscriptionId } = await buy(f, bob, PRODUCT.powerBiPro, 2);
  return { f, tenantId: bob.tenantId, sub: subscriptionId };
}

/** What actually happened to the product's policy and to the subscription. */
async function effects(f: Fixture, tenantId: string, sub: string) {
  const policy = await f.domain.policies.valueFor(tenantId, PRODUCT.powerBiPro);
  const audit = expectOk(await f.domain.policies.auditTrail(f.as('carol'), tenantId)).entries;
  const record = await f.domain.subscriptions.get(sub);
  return {
    policy,
    policyChanges: audit.length,
    status: record?.status,
    takeOvers: record?.orders.filter((o) => o.type === 'TakeOver').length,
  };
}

/** The effects a decision must have, and only that decision. */
function effectsOf(kind: NoticeKind) {
  return {
    policy: kind === 'turnOff' ? 'Disabled' : 'Enabled',
    policyChanges: kind === 'turnOff' ? 1 : 0,
    status: kind === 'cancel' ? 'Deleted' : 'Active',
    takeOvers: kind === 'cancel' ? 1 : 0,
  };
}

describe('decisions on a purchase notification', () => {
  describe('two admins acting at the same time: exactly one action happens, the other is told who did what', () => {
    for (const carolDoes of KINDS) {
      for (const daveDoes of KINDS) {
        it(`Carol "${carolDoes}" and Dave "${daveDoes}"`, async () => {
          const { f, tenantId, sub } = await scene();
          const [first, second] = await Promise.all([
            f.domain.decisions.decide(f.as('carol'), tenantId, sub, carolDoes, 'op-carol'),
            f.domain.decisions.decide(f.as('dave'), tenantId, sub, daveDoes, 'op-dave'),
          ]);
          const carol = expectOk(first);
          const dave = expectOk(second);
          const winners = [carol, dave].filter((o) => !o.alreadyDecided);
          expect(winners, 'exactly one decision is carried out').to.have.length(1);
          const winner = winners[0]!;
          const loser = winner === carol ? dave : carol;
          expect(loser.decision).to.deep.include({
            kind: winner.decision.kind,
            byName: winner.decision.byName,
            byUserId: winner.decision.byUserId,
          });
          expect(winner.decision.kind).to.equal(winner === carol ? carolDoes : daveDoes);
          expect(await effects(f, tenantId, sub)).to.deep.equal(
            effectsOf(winner.decision.kind as NoticeKind),
          );
          expect((await f.domain.decisions.current(sub))?.kind).to.equal(winner.decision.kind);
        });
      }
    }
  });

  it('the same click delivered twice, one after the other or at once, is done once and answered as done', async () => {
    const { f, tenantId, sub } = await scene();
    const carol = f.as('carol');
    const [a, b] = await Promise.all([
      f.domain.decisions.decide(carol, tenantId, sub, 'cancel', 'op-1'),
      f.domain.decisions.decide(carol, tenantId, sub, 'cancel', 'op-1'),
    ]);
    const c = await f.domain.decisions.decide(carol, tenantId, sub, 'cancel', 'op-1');
    for (const outcome of [a, b, c].map(expectOk)) {
      expect(outcome.alreadyDecided).to.equal(false);
      expect(outcome.decision).to.deep.include({ kind: 'cancel', byName: 'Carol Clark' });
    }
    expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf('cancel'));
  });

  it('a later admin is told the decision and nothing more happens', async () => {
    const { f, tenantId, sub } = await scene();
    expectOk(await f.domain.decisions.decide(f.as('carol'), tenantId, sub, 'keep', 'op-1'));
    const told = expectOk(
      await f.domain.decisions.decide(f.as('dave'), tenantId, sub, 'cancel', 'op-2'),
    );
    expect(told.alreadyDecided).to.equal(true);
    expect(told.decision).to.deep.include({ kind: 'keep', byName: 'Carol Clark' });
    expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf('keep'));
  });

  it('an action that is refused leaves the decision open for another admin', async () => {
    const { f, tenantId, sub } = await scene();
    // Pat, a partner with the Global admin role, took the subscription over from the purchases list.
    expectOk(
      await f.domain.takeovers.takeOver(
        f.as('pat', 'Adatum Partners'),
        tenantId,
        sub,
        { kind: 'cancel', reason: 'centralising' },
        'op-pat',
      ),
    );
    const refused = await f.domain.decisions.decide(f.as('carol'), tenantId, sub, 'cancel', 'op-1');
    expect(refusalCode(refused)).to.equal('SUBSCRIPTION_NOT_ACTIVE');
    expect(await f.domain.decisions.current(sub)).to.equal(undefined);
    const next = expectOk(
      await f.domain.decisions.decide(f.as('dave'), tenantId, sub, 'turnOff', 'op-2'),
    );
    expect(next.alreadyDecided).to.equal(false);
    expect(next.decision).to.deep.include({ kind: 'turnOff', byName: 'Dave Davis' });
    expect(await f.domain.policies.valueFor(tenantId, PRODUCT.powerBiPro)).to.equal('Disabled');
  });

  describe('who may decide (§1.2: receives the notification, and holds the right the action needs)', () => {
    // [column, name, tenant]; partners never receive the notification (n/a in §1.2), so they decide nothing here.
    const refused: readonly [string, string, string?][] = [
      ['Global reader', 'erin'],
      ['License admin', 'frank'],
      ['User admin', 'grace'],
      ['plain user', 'alice'],
      ['the buyer', 'bob'],
      ['guest', 'judy'],
      ['partner with Billing admin and Global reader roles', 'tom', 'Tailspin MSP'],
      ['partner with the Global admin role', 'pat', 'Adatum Partners'],
    ];
    for (const [column, name, tenant] of refused) {
      for (const kind of KINDS) {
        it(`${column} (${name}) cannot "${kind}", and is not shown an earlier decision`, async () => {
          const { f, tenantId, sub } = await scene();
          const who: Caller = f.as(name, tenant);
          expect(
            refusalCode(await f.domain.decisions.decide(who, tenantId, sub, kind, 'op-x')),
          ).to.equal('ACCESS_DENIED');
          expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf('keep'));
          expect(await f.domain.decisions.current(sub)).to.equal(undefined);
          // With a decision made, the refusal is the same: nothing of it is revealed.
          expectOk(await f.domain.decisions.decide(f.as('carol'), tenantId, sub, 'keep', 'op-c'));
          const again = await f.domain.decisions.decide(who, tenantId, sub, kind, 'op-y');
          expect(refusalCode(again)).to.equal('ACCESS_DENIED');
          expect(JSON.stringify(again)).not.to.include('Carol');
        });
      }
    }

    // Global and Billing admins receive the notification (S-23); both may change policies with MSCommerce and take
    // over (§1.2, S-21), so all four of its actions are theirs. Peggy holds both roles.
    const allowed: readonly [string, string, string][] = [
      ['Global admin', 'carol', 'Carol Clark'],
      ['Billing admin', 'dave', 'Dave Davis'],
      ['Global and Billing admin', 'peggy', 'Peggy Parker'],
    ];
    for (const [column, name, displayName] of allowed) {
      for (const kind of KINDS) {
        it(`${column} (${name}) may "${kind}"`, async () => {
          const { f, tenantId, sub } = await scene();
          const outcome = expectOk(
            await f.domain.decisions.decide(f.as(name), tenantId, sub, kind, 'op-x'),
          );
          expect(outcome.alreadyDecided).to.equal(false);
          expect(outcome.decision).to.deep.include({ kind, byName: displayName });
          expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf(kind));
        });
      }
    }
  });
});
