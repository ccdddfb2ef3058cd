// The "own" cells of the §1.2 matrix: who may see and change one self-service subscription, and who must take over.

import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import type { Domain } from '../../services/domain.js';
import { ok, type Result } from '../../services/result.js';
import type { SubscriptionView } from '../../services/subscriptions/views.js';
import {
  addCard,
  buy,
  expectOk,
  fixture,
  PRODUCT,
  VISA,
  type Fixture,
} from '../helpers/domainFixture.js';
import { tenantId } from '../helpers/seed.js';
import {
  baseScene,
  outcome,
  row,
  runMatrix,
  type Cell,
  type Scene,
} from '../helpers/permissionMatrix.js';
import { forEachDirectory } from '../helpers/directories.js';

const CENTRAL_POWER_BI = 'c1-central-powerbi-pro';

async function statusOf(f: Fixture, id: string): Promise<string | undefined> {
  return (await f.domain.subscriptions.get(id))?.status;
}

/** Members open a subscription by id; partners open it from the customer's purchases list. */
async function details({ f, who, contoso, sub }: Cell): Promise<string> {
  let view: Result<SubscriptionView | undefined>;
  if (who.tenantId === contoso) {
    view = await f.domain.buyers.subscription(who, sub);
  } else {
    const list = await f.domain.overview.list(who, contoso);
    view = list.ok ? ok(list.value.items.find((i) => i.id === sub)) : list;
  }
  return outcome(
    view,
    (v) =>
      v?.productName === 'Power BI Pro' &&
      v.purchaser?.displayName === 'Alice Anderson' &&
      v.quantity === 3 &&
      v.unitPriceCents === 1400 &&
      v.expirationDate === '2026-04-02T09:00:00.000Z' &&
      v.assignedUsers.map((u) => u.displayName).join() === 'Alice Anderson' &&
      v.orders.map((o) => o.type).join() === 'New',
  );
}

/**
 * Alice's Power BI Pro bought on a card that expires in March: its April renewal fails and leaves an unpaid
 * invoice; Alice has then put a working card on the subscription.
 */
async function unpaidScene(): Promise<Scene> {
  const f = fixture();
  const alice = f.as('alice');
  const march = { number: VISA, expiryMonth: 3, expiryYear: 2026, cvc: '123', holder: 'Alice' };
  const expiring = expectOk(await f.domain.paymentMethods.addCard(alice, march));
  const receipt = expectOk(
    await f.domain.purchases.purchase({
      caller: alice,
      productId: PRODUCT.powerBiPro,
      quantity: 3,
      payment: { cardId: expiring.cardId },
      idempotencyKey: 'buy-1',
    }),
  );
  const other = (await buy(f, f.as('heidi'), PRODUCT.visioPlan1, 1)).subscriptionId;
  f.clock.set('2026-04-02T10:00:00.000Z');
  await f.domain.lifecycle.runOnce();
  const working = await addCard(f, alice, '5555 5555 5555 4444');
  expectOk(
    await f.domain.buyers.updatePaymentMethod(alice, receipt.subscriptionId, working.cardId),
  );
  return { f, contoso: tenantId(f.seed, 'Contoso'), sub: receipt.subscriptionId, other };
}

forEachDirectory('permission matrix (domain.md §1.2): one self-service subscription', () => {
  runMatrix([
    row(
      'see purchase details: product, purchaser, quantity, expiration, price, users, orders',
      // user   guest    buyer    GA       billing  reader   licence  user adm partnerGA partnerBR
      'NOTOWNER NOTOWNER Y        Y        Y        Y        NOTOWNER NOTOWNER Y        Y',
      details,
    ),
    row(
      'buy more licenses (3 -> 4)',
      'NOTOWNER NOTOWNER Y        TAKEOVER TAKEOVER NOTOWNER NOTOWNER NOTOWNER NOTFOUND NOTFOUND',
      async ({ f, who, sub }) =>
        outcome(await f.domain.buyers.changeQuantity(who, sub, 4, 'op-1'), (r) => {
          return r.type === 'AddLicenses' && r.amountCents === 1400;
        }),
    ),
    row(
      'remove licenses (3 -> 2)',
      'NOTOWNER NOTOWNER Y        TAKEOVER TAKEOVER NOTOWNER NOTOWNER NOTOWNER NOTFOUND NOTFOUND',
      async ({ f, who, sub }) =>
        outcome(await f.domain.buyers.changeQuantity(who, sub, 2, 'op-1'), (r) => {
          return r.type === 'RemoveLicenses';
        }),
    ),
    row(
      'assign a license to Bob',
      'NOTOWNER NOTOWNER Y        TAKEOVER TAKEOVER NOTOWNER NOTOWNER NOTOWNER NOTFOUND NOTFOUND',
      async ({ f, who, sub }) =>
        outcome(await f.domain.licenses.assign(who, sub, ['bob@contoso.com'], 'op-1'), (r) => {
          return String(r.facts.users) === 'Bob Brown';
        }),
    ),
    row(
      "unassign Alice's license",
      'NOTOWNER NOTOWNER Y        TAKEOVER TAKEOVER NOTOWNER NOTOWNER NOTOWNER NOTFOUND NOTFOUND',
      async ({ f, who, sub }) =>
        outcome(await f.domain.licenses.unassign(who, sub, ['alice@contoso.com'], 'op-1')),
    ),
    row(
      'cancel (admins: only through take over)',
      'NOTOWNER NOTOWNER Y        TAKEOVER TAKEOVER NOTOWNER NOTOWNER NOTOWNER NOTFOUND NOTFOUND',
      async ({ f, who, sub }) => {
        const cancelled = await f.domain.buyers.cancel(who, sub, 'op-1');
        const status = await statusOf(f, sub);
        return outcome(cancelled, () => status === 'Disabled');
      },
    ),
    row(
      'take over and move the users to the central Power BI Pro subscription',
      'DENIED   DENIED   DENIED   Y        Y        DENIED   DENIED   DENIED   Y        DENIED',
      async ({ f, who, contoso, sub }) => {
        const move = { kind: 'moveUsers', targetSubscriptionId: CENTRAL_POWER_BI } as const;
        const taken = await f.domain.takeovers.takeOver(who, contoso, sub, move, 'op-1');
        const central = await f.domain.subscriptions.get(CENTRAL_POWER_BI);
        const alice = f.as('alice').userId;
        return outcome(taken, () => central?.assignedUserIds.includes(alice) === true);
      },
    ),
    row(
      'take over and cancel',
      'DENIED   DENIED   DENIED   Y        Y        DENIED   DENIED   DENIED   Y        DENIED',
      async ({ f, who, contoso, sub }) => {
        const cancel = { kind: 'cancel', reason: 'Centralizing' } as const;
        const taken = await f.domain.takeovers.takeOver(who, contoso, sub, cancel, 'op-1');
        const status = await statusOf(f, sub);
        return outcome(taken, () => status === 'Deleted');
      },
    ),
  ]);

  describe('invoices and card', () => {
    runMatrix(
      [
        row(
          "see invoices ('own': Alice's paid and unpaid ones)",
          'nothing  nothing  own      nothing  nothing  nothing  nothing  nothing  nothing  nothing',
          async ({ f, who, sub }) => {
            const invoices = expectOk(await f.domain.buyers.invoices(who));
            const hers = invoices.filter((i) => i.subscriptionId === sub).map((i) => i.status);
            return hers.sort().join() === 'Paid,Unpaid' ? 'own' : hers.length ? 'some' : 'nothing';
          },
        ),
        row(
          'pay the unpaid renewal invoice',
          'NOINV    NOINV    Y        NOINV    NOINV    NOINV    NOINV    NOINV    NOINV    NOINV',
          async ({ f, who, sub }) => {
            const unpaid = (await f.domain.subscriptions.get(sub))?.invoices.find(
              (i) => i.status === 'Unpaid',
            );
            const paid = await f.domain.buyers.payInvoice(who, unpaid?.id ?? '', 'pay-1');
            const status = await statusOf(f, sub);
            return outcome(paid, () => status === 'Active');
          },
        ),
        row(
          'update the card',
          'NOTOWNER NOTOWNER Y        NOTOWNER NOTOWNER NOTOWNER NOTOWNER NOTOWNER NOTFOUND NOTFOUND',
          async ({ f, who, sub }) => {
            const discover = await addCard(f, who, '6011 1111 1111 1117');
            const updated = await f.domain.buyers.updatePaymentMethod(who, sub, discover.cardId);
            return outcome(updated, (v) => v.card?.brand === 'Discover');
          },
        ),
      ],
      unpaidScene,
    );
  });

  describe("the buyer's own cells stop at her own subscriptions", () => {
    type Act = (d: Domain, alice: Caller, id: string) => Promise<Result<unknown>>;
    const actions: Record<string, Act> = {
      'see the details of': (d, a, id) => d.buyers.subscription(a, id),
      'buy more licenses on': (d, a, id) => d.buyers.changeQuantity(a, id, 5, 'op'),
      'assign a license of': (d, a, id) => d.licenses.assign(a, id, ['bob@contoso.com'], 'op'),
      cancel: (d, a, id) => d.buyers.cancel(a, id, 'op'),
    };
    const targets: [string, (s: Scene) => string][] = [
      ["Heidi's subscription", (s) => s.other],
      ['the central Power BI Pro subscription', () => CENTRAL_POWER_BI],
    ];
    for (const [target, idOf] of targets) {
      for (const [action, act] of Object.entries(actions)) {
        it(`Alice may not ${action} ${target}: NOT_SUBSCRIPTION_OWNER`, async () => {
          const scene = await baseScene();
          const id = idOf(scene);
          const result = await act(scene.f.domain, scene.f.as('alice'), id);
          expect(outcome(result)).to.equal('NOT_SUBSCRIPTION_OWNER');
          expect(await statusOf(scene.f, id)).to.equal('Active');
        });
      }
    }

    const assignees: [string, (f: Fixture) => string, string][] = [
      ['Bob, a member of Contoso', () => 'bob@contoso.com', 'ok'],
      ['Judy, a guest in Contoso (S-13)', (f) => f.as('judy').userId, 'ASSIGNEE_GUEST'],
      ['Raj of Fabrikam India', () => 'raj@fabrikam.co.in', 'ASSIGNEE_OTHER_TENANT'],
    ];
    for (const [whom, id, want] of assignees) {
      it(`Alice assigning a license to ${whom}: ${want}`, async () => {
        const { f, sub } = await baseScene();
        const assigned = await f.domain.licenses.assign(f.as('alice'), sub, [id(f)], 'op');
        expect(outcome(assigned)).to.equal(want);
      });
    }
  });
});
