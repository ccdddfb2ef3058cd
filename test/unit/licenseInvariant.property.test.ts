// Property: whatever a buyer, an admin and the clock do, assigned licenses never exceed the quantity.

import { expect } from 'chai';
import fc from 'fast-check';
import { MS_PER_DAY } from '../../services/clock.js';
import { buy, fixture, PRODUCT } from '../helpers/domainFixture.js';
import { subscriptionKey, type SubscriptionRecord } from '../../services/subscriptions/model.js';

const MEMBERS = [
  'alice',
  'heidi',
  'oscar',
  'nora',
  'priya',
  'ivan',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'peggy',
];

type Step =
  | { kind: 'assign'; who: string[] }
  | { kind: 'unassign'; who: string[] }
  | { kind: 'quantity'; to: number }
  | { kind: 'cancel' }
  | { kind: 'days'; n: number }
  | { kind: 'takeOver' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('assign' as const),
    who: fc.subarray(MEMBERS, { minLength: 1, maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant('unassign' as const),
    who: fc.subarray(MEMBERS, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('quantity' as const), to: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('cancel' as const) }),
  fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 0, max: 45 }) }),
  fc.record({ kind: fc.constant('takeOver' as const) }),
);

describe('license invariant (property)', () => {
  it('assigned ≤ quantity, no one twice, nobody licensed once Deleted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(step, { maxLength: 25 }),
        async (initial, steps) => {
          const f = fixture();
          const bob = f.as('bob');
          const { subscriptionId: id } = await buy(f, bob, PRODUCT.powerApps, initial);
          let n = 0;
          for (const s of steps) {
            n += 1;
            const op = `op-${n}`;
            const upns = 'who' in s ? s.who.map((w) => `${w}@contoso.com`) : [];
            if (s.kind === 'assign') await f.domain.licenses.assign(bob, id, upns, op);
            if (s.kind === 'unassign') await f.domain.licenses.unassign(bob, id, upns, op);
            if (s.kind === 'quantity') await f.domain.buyers.changeQuantity(bob, id, s.to, op);
            if (s.kind === 'cancel') await f.domain.buyers.cancel(bob, id, op);
            if (s.kind === 'takeOver') {
              await f.domain.takeovers.takeOver(
                f.as('carol'),
                bob.tenantId,
                id,
                { kind: 'moveUsers', targetSubscriptionId: 'c1-central-powerbi-pro' },
                op,
              );
            }
            if (s.kind === 'days') {
              f.clock.advance(s.n * MS_PER_DAY);
              await f.domain.lifecycle.runOnce();
            }
            const sub = (await f.domain.records.read<SubscriptionRecord>(subscriptionKey(id)))!;
            expect(sub.assignedUserIds.length, JSON.stringify(s)).to.be.at.most(sub.quantity);
            expect(new Set(sub.assignedUserIds).size).to.equal(sub.assignedUserIds.length);
            if (sub.status === 'Deleted') expect(sub.assignedUserIds).to.deep.equal([]);
            const central = (await f.domain.records.read<SubscriptionRecord>(
              subscriptionKey('c1-central-powerbi-pro'),
            ))!;
            expect(central.assignedUserIds.length).to.be.at.most(central.quantity);
            expect(sub.pendingOperation).to.equal(undefined);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
