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
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';

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

  describe('a take-over from the take-over form is the notification’s decision too', () => {
    const formCancel = { kind: 'cancel', reason: 'We license it centrally' } as const;

    for (const carolDoes of KINDS) {
      it(`Carol "${carolDoes}" from the notification while Dave takes over in the form: exactly one happens`, async () => {
        const { f, tenantId, sub } = await scene();
        const [carol, dave] = await Promise.all([
          f.domain.decisions.decide(f.as('carol'), tenantId, sub, carolDoes, 'op-carol'),
          f.domain.decisions.takeOver(f.as('dave'), tenantId, sub, formCancel, 'op-dave'),
        ]);
        const kept = expectOk(carol);
        const form = expectOk(dave);
        const current = await f.domain.decisions.current(sub);
        if (form.kind === 'takenOver') {
          expect(kept.alreadyDecided, 'Carol is told Dave took it over').to.equal(true);
          expect(kept.decision).to.deep.include({ kind: 'takeOver', byName: 'Dave Davis' });
          expect(current).to.deep.include({ kind: 'takeOver', byName: 'Dave Davis' });
          expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf('cancel'));
        } else {
          expect(kept.alreadyDecided).to.equal(false);
          expect(form.outcome.alreadyDecided, 'Dave is told what Carol did').to.equal(true);
          expect(form.outcome.decision).to.deep.include({
            kind: carolDoes,
            byName: 'Carol Clark',
          });
          expect(current).to.deep.include({ kind: carolDoes, byName: 'Carol Clark' });
          expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf(carolDoes));
        }
      });
    }

    it('two bot instances on one store: a "keep" and a form take-over at once, exactly one happens', async () => {
      for (let round = 0; round < 5; round += 1) {
        const store = new MemoryAtomicStore();
        const one = fixture({ store });
        const two = fixture({ store });
        const { subscriptionId: sub } = await buy(one, one.as('bob'), PRODUCT.powerBiPro, 2);
        const tenantId = one.as('bob').tenantId;
        const [kept, form] = await Promise.all([
          one.domain.decisions.decide(one.as('carol'), tenantId, sub, 'keep', 'op-carol'),
          two.domain.decisions.takeOver(two.as('dave'), tenantId, sub, formCancel, 'op-dave'),
        ]);
        const takenOver = expectOk(form).kind === 'takenOver';
        expect(expectOk(kept).alreadyDecided).to.equal(takenOver);
        expect((await one.domain.decisions.current(sub))?.kind).to.equal(
          takenOver ? 'takeOver' : 'keep',
        );
        expect(await effects(one, tenantId, sub)).to.deep.equal(
          effectsOf(takenOver ? 'cancel' : 'keep'),
        );
      }
    });

    it('after a "keep", the form’s take-over is not done and the admin is told who kept it', async () => {
      const { f, tenantId, sub } = await scene();
      expectOk(await f.domain.decisions.decide(f.as('carol'), tenantId, sub, 'keep', 'op-1'));
      const told = expectOk(
        await f.domain.decisions.takeOver(f.as('dave'), tenantId, sub, formCancel, 'op-2'),
      );
      expect(told.kind).to.equal('decided');
      if (told.kind === 'decided') {
        expect(told.outcome.alreadyDecided).to.equal(true);
        expect(told.outcome.decision).to.deep.include({ kind: 'keep', byName: 'Carol Clark' });
      }
      expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf('keep'));
    });

    it('the same form click twice is done once; a refused take-over leaves the decision open', async () => {
      const { f, tenantId, sub } = await scene();
      const dave = f.as('dave');
      const bad = { kind: 'moveUsers', targetSubscriptionId: 'no-such-central' } as const;
      expect(
        refusalCode(await f.domain.decisions.takeOver(dave, tenantId, sub, bad, 'op-bad')),
      ).to.equal('TARGET_NOT_CENTRAL');
      expect(await f.domain.decisions.current(sub)).to.equal(undefined);
      const [a, b] = (
        await Promise.all([
          f.domain.decisions.takeOver(dave, tenantId, sub, formCancel, 'op-1'),
          f.domain.decisions.takeOver(dave, tenantId, sub, formCancel, 'op-1'),
        ])
      ).map(expectOk);
      expect([a!.kind, b!.kind]).to.deep.equal(['takenOver', 'takenOver']);
      expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf('cancel'));
      expect(await f.domain.decisions.current(sub)).to.deep.include({
        kind: 'takeOver',
        byName: 'Dave Davis',
      });
    });

    const refused: readonly [string, string, string?][] = [
      ['Global reader', 'erin'],
      ['License admin', 'frank'],
      ['plain user', 'alice'],
      ['the buyer', 'bob'],
      ['partner with Billing admin and Global reader roles', 'tom', 'Tailspin MSP'],
    ];
    for (const [column, name, tenant] of refused) {
      it(`${column} (${name}) is refused the form and its take-over before any decision is shown`, async () => {
        const { f, tenantId, sub } = await scene();
        expectOk(await f.domain.decisions.decide(f.as('carol'), tenantId, sub, 'keep', 'op-c'));
        const who = f.as(name, tenant);
        const form = await f.domain.decisions.forTakeOverForm(who, tenantId, sub);
        expect(refusalCode(form)).to.equal('ACCESS_DENIED');
        expect(JSON.stringify(form)).not.to.include('Carol');
        const taken = await f.domain.decisions.takeOver(who, tenantId, sub, formCancel, 'op-x');
        expect(refusalCode(taken)).to.equal('ACCESS_DENIED');
        expect(JSON.stringify(taken)).not.to.include('Carol');
        expect(await effects(f, tenantId, sub)).to.deep.equal(effectsOf('keep'));
      });
    }

    it('a trial has no notification: its take-over is not a decision to claim, and is recorded once done', async () => {
      const f = fixture();
      const bob = f.as('bob');
      const trial = expectOk(
        await f.domain.purchases.startTrial({
          caller: bob,
          productId: PRODUCT.projectPlan1,
          idempotencyKey: 'trial-1',
        }),
      );
      const taken = expectOk(
        await f.domain.decisions.takeOver(
          f.as('dave'),
          bob.tenantId,
          trial.subscriptionId,
          formCancel,
          'op-1',
        ),
      );
      expect(taken.kind).to.equal('takenOver');
      expect(await f.domain.decisions.current(trial.subscriptionId)).to.deep.include({
        kind: 'takeOver',
        byName: 'Dave Davis',
      });
    });
  });
});
