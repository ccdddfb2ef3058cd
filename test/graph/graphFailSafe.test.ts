// Failing safe: whatever way Graph fails, every eligibility and permission check refuses with DIRECTORY_UNAVAILABLE,
// "try again in a minute" in the person's language, and nothing is bought, changed or allowed.

import { expect } from 'chai';
import { refusalMessage } from '../../cards/refusalMessage.js';
import { Localizer } from '../../locales/localizer.js';
import { findProductById } from '../../services/catalog/catalog.js';
import type { Refusal, Result } from '../../services/result.js';
import {
  addCard,
  buy,
  fixture,
  PRODUCT,
  useDirectory,
  type Fixture,
} from '../helpers/domainFixture.js';
import { LocalGraph } from '../helpers/localGraph.js';
import { onlyLoopbackFetch } from '../helpers/loopbackFetch.js';

type Outage = [string, (graph: LocalGraph) => void | Promise<void>];
type Check = [string, (f: Fixture, cardId: string) => Promise<Result<unknown>>];

const powerBiPro = findProductById(PRODUCT.powerBiPro)!;

/** An eligibility verdict as a result, so that every check below reads the same way. */
function verdict(eligible: { eligible: boolean; code?: string; facts: object }): Result<unknown> {
  return eligible.eligible
    ? { ok: true, value: eligible }
    : { ok: false, refusal: { code: eligible.code, facts: eligible.facts } as Refusal };
}

describe('when Microsoft Graph fails, every check refuses (DIRECTORY_UNAVAILABLE)', () => {
  const graph = new LocalGraph();
  onlyLoopbackFetch();
  before(async () => {
    await graph.start();
    useDirectory((seed) =>
      graph.directoryFor(
        seed,
        { cacheTtlMs: 0, timeoutMs: 150, maxAttempts: 2 },
        {
          sleep: () => Promise.resolve(),
        },
      ),
    );
  });
  after(async () => {
    useDirectory();
    await graph.stop();
  });

  const outages: Outage[] = [
    ['Graph answers 503', (g) => void (g.outage = 503)],
    ['Graph answers 500', (g) => void (g.outage = 500)],
    ['Graph throttles (429) beyond the budget', (g) => void (g.outage = 429)],
    ['Graph never answers', (g) => void (g.outage = 'hang')],
    ['the token endpoint answers 503', (g) => void (g.tokenOutage = 503)],
    [
      'Graph pages without end (every next link leads to another page)',
      (g) => {
        g.nextLink = (_given, asked) => asked.href;
      },
    ],
    ['Graph and the token endpoint cannot be reached', (g) => g.stop()],
  ];

  const checks: Check[] = [
    [
      'Alice asks whether she can buy Power BI Pro',
      async (f) =>
        verdict(
          await f.domain.eligibility.check({
            applicant: { caller: f.as('alice') },
            product: powerBiPro,
            intent: 'purchase',
          }),
        ),
    ],
    [
      'someone types alice@contoso.com',
      async (f) =>
        verdict(
          await f.domain.eligibility.check({
            applicant: { email: 'alice@contoso.com' },
            product: powerBiPro,
            intent: 'purchase',
          }),
        ),
    ],
    [
      'Alice confirms a purchase',
      (f, cardId) =>
        f.domain.purchases.purchase({
          caller: f.as('alice'),
          productId: PRODUCT.powerBiPro,
          quantity: 2,
          payment: { cardId },
          idempotencyKey: 'buy-1',
        }),
    ],
    [
      'Carol, a Global admin, disables Power BI Pro',
      (f) =>
        f.domain.policies.updateProductPolicy(
          f.as('carol'),
          f.as('carol').tenantId,
          PRODUCT.powerBiPro,
          'Disabled',
          'chat',
        ),
    ],
    [
      'Frank, a License admin, lists license requests',
      (f) => f.domain.licenseRequests.list(f.as('frank'), f.as('frank').tenantId),
    ],
    [
      'Carol opens the purchases overview',
      (f) => f.domain.overview.list(f.as('carol'), f.as('carol').tenantId),
    ],
  ];

  it('a sign-in name that cannot be looked up while assigning: refused, no license given', async () => {
    const f = fixture();
    const receipt = await buy(f, f.as('alice'), PRODUCT.powerBiPro, 3);
    graph.failNext(/^\/users$/, { status: 503 }, { status: 503 });
    const assigned = await f.domain.licenses.assign(
      f.as('alice'),
      receipt.subscriptionId,
      ['bob@contoso.com'],
      'op-1',
    );
    expect(assigned.ok || assigned.refusal.code).to.equal('DIRECTORY_UNAVAILABLE');
    expect(
      (await f.domain.subscriptions.get(receipt.subscriptionId))?.assignedUserIds,
    ).to.deep.equal([f.as('alice').userId]);
  });

  for (const [outage, start] of outages) {
    describe(outage, () => {
      afterEach(async () => {
        graph.reset();
        await graph.start();
      });

      for (const [what, check] of checks) {
        it(`${what}: refused, "try again in a minute", nothing changed`, async () => {
          const f = fixture();
          const card = await addCard(f, f.as('alice'));
          await start(graph);
          const result = await check(f, card.cardId);
          expect(result.ok, JSON.stringify(result)).to.equal(false);
          const refusal = (result as { refusal: Refusal }).refusal;
          expect(refusal.code).to.equal('DIRECTORY_UNAVAILABLE');
          expect(refusalMessage(new Localizer('en-US'), refusal)).to.match(
            /Try again in a minute\.$/,
          );
          expect(refusalMessage(new Localizer('sv-SE'), refusal)).to.match(
            /Försök igen om en minut\.$/,
          );
          expect(
            await f.domain.policies.valueFor(f.as('carol').tenantId, PRODUCT.powerBiPro),
          ).to.equal('Enabled');
          expect(await f.domain.subscriptions.tenantIds()).to.deep.equal([]);
        });
      }
    });
  }
});
