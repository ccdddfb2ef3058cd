// Assigning licenses (§3.2, S-12, S-13): members of the same tenant, at most 20, all or nothing.

import { expect } from 'chai';
import { buy, expectOk, fixture, PRODUCT, refusalCode } from '../helpers/domainFixture.js';

async function setup(quantity: number) {
  const f = fixture();
  const bob = f.as('bob');
  const { subscriptionId: id } = await buy(f, bob, PRODUCT.powerBiPro, quantity);
  const assigned = async () =>
    expectOk(await f.domain.buyers.subscription(bob, id)).assignedUsers.map((u) => u.displayName);
  return { f, bob, id, assigned };
}

describe('licenses', () => {
  it('assigns several colleagues at once, by object id, UPN or mail', async () => {
    const { f, bob, id, assigned } = await setup(5);
    const outcome = expectOk(
      await f.domain.licenses.assign(
        bob,
        id,
        [f.as('alice').userId, 'heidi@contoso.com', 'OSCAR@contoso.com'],
        'op1',
      ),
    );
    expect(outcome.facts).to.deep.include({
      users: ['Alice Anderson', 'Heidi Hall', 'Oscar Olsson'],
      free: 1,
    });
    expect(await assigned()).to.deep.equal([
      'Bob Brown',
      'Alice Anderson',
      'Heidi Hall',
      'Oscar Olsson',
    ]);
  });

  const refusals: { name: string; assignees: string[]; code: string }[] = [
    {
      name: 'a guest of the tenant (S-13)',
      assignees: ['alice@contoso.com', 'judy@humongous.org'],
      code: 'ASSIGNEE_GUEST',
    },
    {
      name: 'a user of another tenant',
      assignees: ['alice@contoso.com', 'raj@fabrikam.co.in'],
      code: 'ASSIGNEE_OTHER_TENANT',
    },
    {
      name: 'nobody by that name',
      assignees: ['alice@contoso.com', 'nobody@contoso.com'],
      code: 'USER_NOT_FOUND',
    },
    { name: 'a deleted account', assignees: ['mallory@contoso.com'], code: 'USER_NOT_FOUND' },
    {
      name: 'someone who already has one',
      assignees: ['alice@contoso.com', 'bob@contoso.com'],
      code: 'ALREADY_ASSIGNED',
    },
    {
      name: 'more people than free licenses',
      assignees: ['alice@contoso.com', 'heidi@contoso.com', 'oscar@contoso.com'],
      code: 'INSUFFICIENT_LICENSES',
    },
  ];
  for (const r of refusals) {
    it(`refuses the whole request when it names ${r.name}`, async () => {
      const { f, bob, id, assigned } = await setup(3);
      expect(refusalCode(await f.domain.licenses.assign(bob, id, r.assignees, 'op'))).to.equal(
        r.code,
      );
      expect(await assigned()).to.deep.equal(['Bob Brown']);
    });
  }

  it('says how many licenses are free when there are too few', async () => {
    const { f, bob, id } = await setup(2);
    const result = await f.domain.licenses.assign(
      bob,
      id,
      ['alice@contoso.com', 'heidi@contoso.com'],
      'op',
    );
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.refusal.facts).to.include({ free: 1, requested: 2 });
  });

  it('at most 20 users in one action', async () => {
    const { f, bob, id } = await setup(30);
    const many = Array.from({ length: 21 }, (_, i) => `user${i}@contoso.com`);
    expect(refusalCode(await f.domain.licenses.assign(bob, id, many, 'op'))).to.equal(
      'BATCH_TOO_LARGE',
    );
  });

  it('a synced or disabled member can be given a license; the same name twice counts once', async () => {
    const { f, bob, id, assigned } = await setup(5);
    expectOk(
      await f.domain.licenses.assign(
        bob,
        id,
        ['heidi@contoso.com', 'ivan@contoso.com', 'heidi@contoso.com'],
        'op',
      ),
    );
    expect(await assigned()).to.deep.equal(['Bob Brown', 'Heidi Hall', 'Ivan Ivanov']);
  });

  it('a repeated click is told it is already done', async () => {
    const { f, bob, id } = await setup(5);
    expect(
      expectOk(await f.domain.licenses.assign(bob, id, ['alice@contoso.com'], 'click')).alreadyDone,
    ).to.equal(false);
    expect(
      expectOk(await f.domain.licenses.assign(bob, id, ['alice@contoso.com'], 'click')).alreadyDone,
    ).to.equal(true);
  });

  it('unassigns assigned users, and refuses users who hold none', async () => {
    const { f, bob, id, assigned } = await setup(3);
    expectOk(await f.domain.licenses.assign(bob, id, ['alice@contoso.com'], 'a'));
    expect(
      refusalCode(
        await f.domain.licenses.unassign(bob, id, ['alice@contoso.com', 'heidi@contoso.com'], 'u1'),
      ),
    ).to.equal('NOT_ASSIGNED');
    expectOk(await f.domain.licenses.unassign(bob, id, ['alice@contoso.com'], 'u2'));
    expect(await assigned()).to.deep.equal(['Bob Brown']);
  });

  it('admins must take over first; other users are not the owner; other tenants see nothing', async () => {
    const { f, id } = await setup(3);
    expect(
      refusalCode(await f.domain.licenses.assign(f.as('carol'), id, ['alice@contoso.com'], 'x')),
    ).to.equal('TAKEOVER_REQUIRED');
    expect(
      refusalCode(await f.domain.licenses.assign(f.as('alice'), id, ['alice@contoso.com'], 'x')),
    ).to.equal('NOT_SUBSCRIPTION_OWNER');
    const raj = f.as('raj', 'Fabrikam India');
    expect(
      refusalCode(await f.domain.licenses.assign(raj, id, ['raj@fabrikam.co.in'], 'x')),
    ).to.equal('SUBSCRIPTION_NOT_FOUND');
  });

  it('central subscriptions are not the buyer’s to assign', async () => {
    const { f, bob } = await setup(1);
    expect(
      refusalCode(
        await f.domain.licenses.assign(bob, 'c1-central-powerbi-pro', ['alice@contoso.com'], 'x'),
      ),
    ).to.equal('NOT_SUBSCRIPTION_OWNER');
  });
});
