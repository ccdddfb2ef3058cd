// License requests when a product is disabled (§4.3): request, approve all/some/none, deny, custom process.

import { expect } from 'chai';
import { expectOk, fixture, PRODUCT, refusalCode } from '../helpers/domainFixture.js';

const CENTRAL_VISIO = 'c1-central-visio-plan-2'; // 5 licenses, none assigned

async function disabledVisio() {
  const f = fixture();
  const tenantId = f.as('alice').tenantId;
  expectOk(
    await f.domain.policies.updateProductPolicy(
      f.as('carol'),
      tenantId,
      PRODUCT.visioPlan2,
      'Disabled',
      'MSCommerce',
    ),
  );
  return { f, tenantId };
}

describe('license requests', () => {
  it('a user asks for themselves and colleagues; approvers are told; License admins see it pending', async () => {
    const { f, tenantId } = await disabledVisio();
    const request = expectOk(
      await f.domain.licenseRequests.request(
        f.as('alice'),
        PRODUCT.visioPlan2,
        { forSelf: true, others: ['heidi@contoso.com'], message: 'For the floor plans' },
        'k',
      ),
    );
    expect(request).to.include({
      status: 'Pending',
      productName: 'Visio Plan 2',
      requesterName: 'Alice Anderson',
    });
    expect(request.forUsers.map((u) => u.displayName)).to.deep.equal([
      'Alice Anderson',
      'Heidi Hall',
    ]);
    for (const name of ['frank', 'grace', 'carol']) {
      expect(
        (await f.domain.outbox.pending(f.as(name))).map((e) => e.kind),
        name,
      ).to.deep.equal(['AdminLicenseRequested']);
    }
    expect(await f.domain.outbox.pending(f.as('dave'))).to.have.length(0);
    const pending = expectOk(await f.domain.licenseRequests.list(f.as('frank'), tenantId));
    expect(pending.map((r) => r.id)).to.deep.equal([request.id]);
    const again = expectOk(
      await f.domain.licenseRequests.request(
        f.as('alice'),
        PRODUCT.visioPlan2,
        { forSelf: true, others: ['heidi@contoso.com'] },
        'k',
      ),
    );
    expect(again.id).to.equal(request.id);
  });

  it('approving all assigns central licenses and tells the requester', async () => {
    const { f, tenantId } = await disabledVisio();
    const request = expectOk(
      await f.domain.licenseRequests.request(
        f.as('alice'),
        PRODUCT.visioPlan2,
        { forSelf: true, others: ['heidi@contoso.com'] },
        'k',
      ),
    );
    const decided = expectOk(
      await f.domain.licenseRequests.decide(
        f.as('frank'),
        tenantId,
        request.id,
        { approveUserIds: 'all', centralSubscriptionId: CENTRAL_VISIO, message: 'Enjoy' },
        'd',
      ),
    );
    expect(decided.status).to.equal('Approved');
    const central = (await f.domain.subscriptions.get(CENTRAL_VISIO))!;
    expect(central.assignedUserIds).to.have.length(2);
    const told = (await f.domain.outbox.pending(f.as('alice'))).find(
      (e) => e.kind === 'LicenseRequestDecided',
    );
    expect(told?.facts).to.deep.include({
      status: 'Approved',
      message: 'Enjoy',
      byName: 'Frank Foster',
    });
  });

  it('approving some denies the others; denying all needs no subscription', async () => {
    const { f, tenantId } = await disabledVisio();
    const alice = f.as('alice');
    const first = expectOk(
      await f.domain.licenseRequests.request(
        alice,
        PRODUCT.visioPlan2,
        { forSelf: true, others: ['heidi@contoso.com'] },
        'k1',
      ),
    );
    const partial = expectOk(
      await f.domain.licenseRequests.decide(
        f.as('grace'),
        tenantId,
        first.id,
        { approveUserIds: [alice.userId], centralSubscriptionId: CENTRAL_VISIO },
        'd1',
      ),
    );
    expect(partial.status).to.equal('PartiallyApproved');
    expect(partial.decision?.deniedUserIds).to.have.length(1);
    const second = expectOk(
      await f.domain.licenseRequests.request(
        f.as('oscar'),
        PRODUCT.visioPlan2,
        { forSelf: true, others: [] },
        'k2',
      ),
    );
    const denied = expectOk(
      await f.domain.licenseRequests.decide(
        f.as('carol'),
        tenantId,
        second.id,
        { approveUserIds: [], message: 'Use the central pool' },
        'd2',
      ),
    );
    expect(denied.status).to.equal('Denied');
    const told = (await f.domain.outbox.pending(f.as('oscar'))).find(
      (e) => e.kind === 'LicenseRequestDecided',
    );
    expect(told?.facts.message).to.equal('Use the central pool');
  });

  it('a request decided already answers with the first decision', async () => {
    const { f, tenantId } = await disabledVisio();
    const request = expectOk(
      await f.domain.licenseRequests.request(
        f.as('alice'),
        PRODUCT.visioPlan2,
        { forSelf: true, others: [] },
        'k',
      ),
    );
    expectOk(
      await f.domain.licenseRequests.decide(
        f.as('frank'),
        tenantId,
        request.id,
        { approveUserIds: [] },
        'first',
      ),
    );
    const second = await f.domain.licenseRequests.decide(
      f.as('grace'),
      tenantId,
      request.id,
      { approveUserIds: 'all', centralSubscriptionId: CENTRAL_VISIO },
      'second',
    );
    expect(refusalCode(second)).to.equal('REQUEST_ALREADY_DECIDED');
    if (!second.ok)
      expect(second.refusal.facts).to.include({ status: 'Denied', byName: 'Frank Foster' });
  });

  it('not enough central licenses: nothing changes and the request stays pending', async () => {
    const { f, tenantId } = await disabledVisio();
    const others = ['heidi', 'oscar', 'nora', 'priya', 'bob'].map((n) => `${n}@contoso.com`);
    const request = expectOk(
      await f.domain.licenseRequests.request(
        f.as('alice'),
        PRODUCT.visioPlan2,
        { forSelf: true, others },
        'k',
      ),
    );
    const result = await f.domain.licenseRequests.decide(
      f.as('frank'),
      tenantId,
      request.id,
      { approveUserIds: 'all', centralSubscriptionId: CENTRAL_VISIO },
      'd',
    );
    expect(refusalCode(result)).to.equal('INSUFFICIENT_LICENSES');
    expect(
      expectOk(await f.domain.licenseRequests.list(f.as('frank'), tenantId)).map((r) => r.status),
    ).to.deep.equal(['Pending']);
  });

  it('Billing admins, readers and users cannot decide', async () => {
    const { f, tenantId } = await disabledVisio();
    const request = expectOk(
      await f.domain.licenseRequests.request(
        f.as('alice'),
        PRODUCT.visioPlan2,
        { forSelf: true, others: [] },
        'k',
      ),
    );
    for (const name of ['dave', 'erin', 'bob']) {
      expect(
        refusalCode(
          await f.domain.licenseRequests.decide(
            f.as(name),
            tenantId,
            request.id,
            { approveUserIds: [] },
            'x',
          ),
        ),
        name,
      ).to.equal('ACCESS_DENIED');
    }
  });

  const refusals: {
    name: string;
    setup: 'enabled' | 'custom' | 'guest' | 'otherTenant';
    code: string;
  }[] = [
    { name: 'the product is not disabled', setup: 'enabled', code: 'PRODUCT_NOT_DISABLED' },
    {
      name: 'the organization has its own process',
      setup: 'custom',
      code: 'CUSTOM_REQUEST_PROCESS',
    },
    { name: 'a colleague is a guest', setup: 'guest', code: 'ASSIGNEE_GUEST' },
    {
      name: 'a colleague is in another tenant',
      setup: 'otherTenant',
      code: 'ASSIGNEE_OTHER_TENANT',
    },
  ];
  for (const r of refusals) {
    it(`is refused when ${r.name}`, async () => {
      const f = fixture();
      const contoso = f.as('alice').tenantId;
      if (r.setup !== 'enabled') {
        expectOk(
          await f.domain.policies.updateProductPolicy(
            f.as('carol'),
            contoso,
            PRODUCT.visioPlan2,
            'Disabled',
            'MSCommerce',
          ),
        );
      }
      const fjallbacka = f.as('karin', 'Fjällbacka Design AB');
      if (r.setup === 'custom') {
        expectOk(
          await f.domain.policies.updateProductPolicy(
            fjallbacka,
            fjallbacka.tenantId,
            PRODUCT.visioPlan2,
            'Disabled',
            'MSCommerce',
          ),
        );
      }
      const caller = r.setup === 'custom' ? f.as('sven', 'Fjällbacka Design AB') : f.as('alice');
      const others =
        r.setup === 'guest'
          ? ['judy@humongous.org']
          : r.setup === 'otherTenant'
            ? ['raj@fabrikam.co.in']
            : [];
      const result = await f.domain.licenseRequests.request(
        caller,
        PRODUCT.visioPlan2,
        { forSelf: true, others },
        'k',
      );
      expect(refusalCode(result)).to.equal(r.code);
      if (r.setup === 'custom' && !result.ok)
        expect(String(result.refusal.facts.message)).to.include('IT-portalen');
    });
  }

  it('completed requests are kept for 12 months, then forgotten', async () => {
    const { f, tenantId } = await disabledVisio();
    const request = expectOk(
      await f.domain.licenseRequests.request(
        f.as('alice'),
        PRODUCT.visioPlan2,
        { forSelf: true, others: [] },
        'k',
      ),
    );
    expectOk(
      await f.domain.licenseRequests.decide(
        f.as('frank'),
        tenantId,
        request.id,
        { approveUserIds: [] },
        'd',
      ),
    );
    f.clock.set('2027-03-01T00:00:00.000Z');
    await f.domain.lifecycle.runOnce();
    expect(
      expectOk(await f.domain.licenseRequests.list(f.as('frank'), tenantId, 'completed')),
    ).to.have.length(1);
    f.clock.set('2027-03-03T00:00:00.000Z');
    await f.domain.lifecycle.runOnce();
    expect(
      expectOk(await f.domain.licenseRequests.list(f.as('frank'), tenantId, 'all')),
    ).to.have.length(0);
  });
});
