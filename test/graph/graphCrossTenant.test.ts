// Which lookups need CrossTenantInformation.ReadBasic.All: with it refused (403), an address typed in one of the chat
// user's own organization's verified domains is still checked; only another organization's cannot be.

import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import { findProductById } from '../../services/catalog/catalog.js';
import type { GraphDirectory } from '../../services/directory/graph/graphDirectory.js';
import type { Eligibility } from '../../services/eligibility/eligibility.js';
import { buy, fixture, PRODUCT, useDirectory, type Fixture } from '../helpers/domainFixture.js';
import { LocalGraph } from '../helpers/localGraph.js';
import { onlyLoopbackFetch } from '../helpers/loopbackFetch.js';
import { demoSeed, person, tenantId } from '../helpers/seed.js';

const CROSS_TENANT = /^\/tenantRelationships\//;
const powerBiPro = findProductById(PRODUCT.powerBiPro)!;

describe('without CrossTenantInformation.ReadBasic.All (cross-tenant lookups refused with 403)', () => {
  const graph = new LocalGraph();
  onlyLoopbackFetch();
  before(async () => {
    await graph.start();
    // No cache: every answer below comes from Graph, none from an earlier lookup.
    useDirectory((seed) =>
      graph.directoryFor(seed, { cacheTtlMs: 0 }, { sleep: () => Promise.resolve() }),
    );
  });
  after(async () => {
    useDirectory();
    await graph.stop();
  });

  function typed(f: Fixture, email: string, typedBy?: Caller): Promise<Eligibility> {
    return f.domain.eligibility.check({
      applicant: { email, typedBy },
      product: powerBiPro,
      intent: 'purchase',
    });
  }

  it('an address in the chat user’s own organization is checked, without a cross-tenant lookup', async () => {
    const f = fixture();
    graph.denied = CROSS_TENANT;
    const verdict = await typed(f, 'Bob@Contoso.com', f.as('alice'));
    expect(verdict).to.deep.include({ eligible: true });
    expect(verdict.eligible && verdict.user.upn).to.equal('bob@contoso.com');
    expect(graph.seen(CROSS_TENANT)).to.deep.equal([]);
  });

  it('a disabled account in the own organization gets its real answer, not "try again"', async () => {
    const f = fixture();
    graph.denied = CROSS_TENANT;
    expect(await typed(f, 'ivan@contoso.com', f.as('alice'))).to.deep.include({
      eligible: false,
      code: 'ACCOUNT_DISABLED',
    });
  });

  it('an address of another organization cannot be checked: DIRECTORY_UNAVAILABLE, never a guess', async () => {
    const f = fixture();
    graph.denied = CROSS_TENANT;
    expect(await typed(f, 'joao@northwind.com.br', f.as('alice'))).to.deep.include({
      eligible: false,
      code: 'DIRECTORY_UNAVAILABLE',
    });
    expect(graph.seen(CROSS_TENANT)).to.have.length(1);
  });

  it('an address typed without knowing by whom needs the cross-tenant lookup too', async () => {
    const f = fixture();
    graph.denied = CROSS_TENANT;
    expect(await typed(f, 'bob@contoso.com')).to.deep.include({
      eligible: false,
      code: 'DIRECTORY_UNAVAILABLE',
    });
  });

  it('with the permission, the other organization’s address is checked as usual', async () => {
    const f = fixture();
    const verdict = await typed(f, 'joao@northwind.com.br', f.as('alice'));
    expect(verdict.eligible || verdict.code).to.not.equal('DIRECTORY_UNAVAILABLE');
    expect(verdict.tenant?.name).to.equal('Northwind Traders Brasil');
  });

  it('assigning to an unknown address of the own organization says "not found", without a cross-tenant lookup', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const bought = await buy(f, bob, PRODUCT.powerBiPro, 3, 'k');
    graph.denied = CROSS_TENANT;
    const assigned = await f.domain.licenses.assign(
      bob,
      bought.subscriptionId,
      ['nobody@contoso.com'],
      'a',
    );
    expect(assigned.ok || assigned.refusal.code).to.equal('USER_NOT_FOUND');
    expect(graph.seen(CROSS_TENANT)).to.deep.equal([]);
  });

  describe('in the Graph directory itself', () => {
    const seed = demoSeed();
    const alice = person(seed, 'alice');
    let directory: GraphDirectory;
    beforeEach(() => {
      directory = graph.directoryFor(demoSeed(), { cacheTtlMs: 60_000 });
      graph.denied = CROSS_TENANT;
    });

    it("a domain of an organization just read (/organization's verified domains) needs no cross-tenant lookup", async () => {
      await directory.getTenant(alice.tenantId);
      expect((await directory.findTenantByDomain('contoso.com'))?.id).to.equal(alice.tenantId);
      expect(graph.seen(CROSS_TENANT)).to.deep.equal([]);
    });

    it('a tenant the app is not consented in cannot be named: unavailable, not "no tenant"', async () => {
      const failure = await directory.getTenant(tenantId(seed, 'Litware (unmanaged)')).then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure?.message).to.match(/403 Authorization_RequestDenied/);
    });
  });
});
