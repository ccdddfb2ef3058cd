// What GraphDirectory reads from a local Graph on 127.0.0.1 (through real msal-node tokens): users, roles, tenants,
// the people picker, central subscriptions and partners, each checked against what the seed says.

import { expect } from 'chai';
import type { Role, User } from '../../services/directory/directory.js';
import { USER_FIELDS } from '../../services/directory/graph/graphSchemas.js';
import type { GraphDirectory } from '../../services/directory/graph/graphDirectory.js';
import { LocalGraph } from '../helpers/localGraph.js';
import { onlyLoopbackFetch } from '../helpers/loopbackFetch.js';
import { partNumberOf, skuIdOf } from '../helpers/localGraphModel.js';
import { demoSeed, person, tenantId } from '../helpers/seed.js';
import { PRODUCT } from '../helpers/domainFixture.js';

const seed = demoSeed();
const CONTOSO = tenantId(seed, 'Contoso');

describe('GraphDirectory lookups against a local Graph', () => {
  const graph = new LocalGraph();
  onlyLoopbackFetch();
  let directory: GraphDirectory;
  before(() => graph.start());
  after(() => graph.stop());
  beforeEach(() => {
    directory = graph.directoryFor(demoSeed());
  });

  const user = (name: string, tenant?: string): Promise<User | undefined> => {
    const caller = person(seed, name, tenant);
    return directory.getUser(caller.tenantId, caller.userId);
  };

  describe('a user by object id: the fields the rules use', () => {
    const cases: [string, string, Partial<User>][] = [
      [
        'a member',
        'alice',
        { userType: 'Member', accountEnabled: true, source: 'cloud', country: 'US' },
      ],
      ['a disabled member', 'ivan', { accountEnabled: false }],
      ['a member synced from on-premises AD', 'heidi', { source: 'syncedFromOnPremAD' }],
      ['a member located in India', 'priya', { country: 'IN' }],
      ['a member without usage location', 'nora', { country: '' }],
      [
        'a deleted member (from deletedItems)',
        'mallory',
        { deleted: true, displayName: 'Mallory Moore' },
      ],
      [
        'a guest, whose home tenant is found from the invitation',
        'judy',
        { userType: 'Guest', homeTenantId: tenantId(seed, 'Humongous Charity') },
      ],
    ];
    for (const [what, name, want] of cases) {
      it(`${what} (${name}): ${JSON.stringify(want)}`, async () => {
        expect(await user(name)).to.deep.include({ ...want, tenantId: CONTOSO });
      });
    }

    it('asks Graph v1.0 for only those fields', async () => {
      await user('alice');
      const [asked] = graph.seen(/^\/users\/[^/]+$/);
      expect(asked?.query.$select?.split(',').sort()).to.deep.equal(USER_FIELDS.split(',').sort());
      expect(USER_FIELDS.split(',').sort()).to.deep.equal([
        'accountEnabled',
        'displayName',
        'id',
        'mail',
        'onPremisesSyncEnabled',
        'usageLocation',
        'userPrincipalName',
        'userType',
      ]);
    });

    it('nobody by that id, an id in another tenant, or a UPN given as id: undefined', async () => {
      expect(await directory.getUser(CONTOSO, '00000000-0000-4000-a000-000000000000')).to.equal(
        undefined,
      );
      expect(
        await directory.getUser(CONTOSO, person(seed, 'raj', 'Fabrikam India').userId),
      ).to.equal(undefined);
      expect(await directory.getUser(CONTOSO, 'alice@contoso.com')).to.equal(undefined);
    });
  });

  describe('a user by sign-in name', () => {
    const cases: [string, string, string | undefined][] = [
      ['by UPN', 'bob@contoso.com', 'Bob Brown'],
      ['case-insensitively, with spaces', '  BOB@Contoso.COM ', 'Bob Brown'],
      [
        "a guest by the mail of the guest's own identity",
        'judy@humongous.org',
        'Judy Jones (Humongous)',
      ],
      ['a deleted user by mail', 'mallory@contoso.com', 'Mallory Moore'],
      ['nobody', 'nobody@contoso.com', undefined],
      ['text that is no address', 'bob', undefined],
    ];
    for (const [what, name, want] of cases) {
      it(`${what} ("${name}") -> ${want ?? 'undefined'}`, async () => {
        expect((await directory.findUserBySignInName(CONTOSO, name))?.displayName).to.equal(want);
      });
    }
  });

  describe("a user's directory roles (transitiveMemberOf/microsoft.graph.directoryRole, by template id)", () => {
    const cases: [string, Role[]][] = [
      ['carol', ['GlobalAdministrator']],
      ['dave', ['BillingAdministrator']],
      ['erin', ['GlobalReader']],
      ['frank', ['LicenseAdministrator']],
      ['grace', ['UserAdministrator']],
      ['peggy', ['GlobalAdministrator', 'BillingAdministrator']],
      ['bob', []],
    ];
    for (const [name, roles] of cases) {
      it(`${name}: ${roles.join(', ') || 'no role'}`, async () => {
        expect((await user(name))?.roles).to.deep.equal(roles);
        expect(graph.seen(/transitiveMemberOf\/microsoft\.graph\.directoryRole$/)).to.have.length(
          1,
        );
      });
    }

    it('bob in 3 groups and 1 role-assignable group holding License admin: only that role', async () => {
      const bob = person(seed, 'bob');
      const groups = graph.model.get(CONTOSO)!.groups;
      for (const n of [1, 2, 3]) {
        groups.push({ id: `g-${n}`, displayName: `Team ${n}`, memberIds: [bob.userId], roles: [] });
      }
      groups.push({
        id: 'g-la',
        displayName: 'License desk',
        memberIds: [bob.userId],
        roles: ['LicenseAdministrator'],
      });
      expect((await user('bob'))?.roles).to.deep.equal(['LicenseAdministrator']);
      const holders = await directory.usersWithRoles(CONTOSO, ['LicenseAdministrator']);
      expect(holders.map((u) => u.displayName).sort()).to.deep.equal(['Bob Brown', 'Frank Foster']);
    });
  });

  describe('tenants: /organization, and the tenants file for what Graph cannot tell', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['Contoso', { country: 'US', type: 'commercial', managed: true, domains: ['contoso.com'] }],
      ['Fabrikam India', { country: 'IN' }],
      ['Northwind Traders Brasil', { country: 'BR', licenseRequestsEnabled: false }],
      ['Contoso University', { type: 'education' }],
      ['City of Springfield', { type: 'government', cloud: 'usgov' }],
      ['Humongous Charity', { type: 'nonprofit', hasExistingAgreement: false }],
      ['Contoso China', { cloud: 'china21vianet' }],
      ['Litware (unmanaged)', { managed: false, name: 'Litware (unmanaged)' }],
    ];
    for (const [name, want] of cases) {
      it(`${name}: ${JSON.stringify(want)}`, async () => {
        expect(await directory.getTenant(tenantId(seed, name))).to.deep.include(want);
      });
    }

    it('a tenant unknown to Entra, or an id that is no GUID: undefined, the latter without a call', async () => {
      expect(await directory.getTenant('0000ffff-0000-4000-8000-000000000000')).to.equal(undefined);
      const before = graph.tokenRequests.length;
      expect(await directory.getTenant('../../common')).to.equal(undefined);
      expect(graph.tokenRequests.length).to.equal(before);
    });

    const domains: [string, string | undefined][] = [
      ['fabrikam.co.in', 'Fabrikam India'],
      ['FJALLBACKA.SE', 'Fjällbacka Design AB'],
      ['unknown.example', undefined],
      ['gmail.com', undefined],
    ];
    for (const [domain, want] of domains) {
      it(`the tenant of ${domain}: ${want ?? 'none'}`, async () => {
        expect((await directory.findTenantByDomain(domain))?.name).to.equal(want);
      });
    }

    it('consumer domains are answered without asking Graph', async () => {
      await directory.findTenantByDomain('outlook.com');
      expect(graph.requests).to.deep.equal([]);
    });
  });

  describe('the people picker: $search on displayName and mail, with ConsistencyLevel: eventual', () => {
    it('"he" finds Heidi by name; the request carries the header and both fields', async () => {
      const found = await directory.searchUsers(CONTOSO, 'he', 5);
      expect(found.map((u) => u.displayName)).to.deep.equal(['Heidi Hall']);
      const [asked] = graph.seen(/^\/users$/);
      expect(asked?.consistencyLevel).to.equal('eventual');
      expect(asked?.query.$search).to.equal('"displayName:he" OR "mail:he"');
    });

    it('a mail address finds its owner; deleted users are not offered; roles are filled in', async () => {
      expect(
        (await directory.searchUsers(CONTOSO, 'carol@contoso.com', 5)).map((u) => u.roles),
      ).to.deep.equal([['GlobalAdministrator']]);
      expect(await directory.searchUsers(CONTOSO, 'mallory', 5)).to.deep.equal([]);
    });

    it('an empty text lists people up to the limit', async () => {
      expect(await directory.searchUsers(CONTOSO, '', 4)).to.have.length(4);
    });
  });

  describe('who holds roles (directoryRoles by template id, members)', () => {
    it('Global or Billing admins of Contoso: enabled holders, each once, with all their roles', async () => {
      const admins = await directory.usersWithRoles(CONTOSO, [
        'GlobalAdministrator',
        'BillingAdministrator',
      ]);
      expect(admins.map((u) => [u.displayName, u.roles.join('+')]).sort()).to.deep.equal([
        ['Carol Clark', 'GlobalAdministrator'],
        ['Dave Davis', 'BillingAdministrator'],
        ['Peggy Parker', 'GlobalAdministrator+BillingAdministrator'],
      ]);
    });

    it('a role nobody in the tenant was ever given (404 from Graph) is no holders, not an outage', async () => {
      const fabrikam = tenantId(seed, 'Fabrikam India');
      expect(await directory.usersWithRoles(fabrikam, ['BillingAdministrator'])).to.deep.equal([]);
    });
  });

  describe('central subscriptions (directory/subscriptions and assignedLicenses)', () => {
    it("Contoso's three, with the seed's ids, products, quantities and users", async () => {
      const subs = await directory.centralSubscriptions(CONTOSO);
      const want = seed.tenants.find((t) => t.id === CONTOSO)!.centralSubscriptions;
      expect(
        subs.map((s) => [s.id, s.productId, s.productName, s.quantity, s.assignedUserIds]),
      ).to.deep.equal(
        want.map((s) => [s.id, s.productId, s.productName, s.quantity, s.assignedUserIds]),
      );
    });

    it('pages through 250 licensed users (3 pages of at most 100)', async () => {
      const contoso = graph.model.get(CONTOSO)!;
      const skuId = skuIdOf(partNumberOf(PRODUCT.visioPlan2));
      const subscription = contoso.subscriptions.find((s) => s.skuId === skuId)!;
      contoso.subscriptions.splice(contoso.subscriptions.indexOf(subscription), 1, {
        ...subscription,
        totalLicenses: 300,
      });
      for (let i = 0; i < 250; i += 1) {
        contoso.users.push({
          id: `00000001-0000-4000-b000-${String(i).padStart(12, '0')}`,
          displayName: `Worker ${i}`,
          userPrincipalName: `worker${i}@contoso.com`,
          mail: null,
          userType: 'Member',
          accountEnabled: true,
          usageLocation: 'US',
          onPremisesSyncEnabled: null,
          skuIds: [skuId],
        });
      }
      const visio = (await directory.centralSubscriptions(CONTOSO)).find(
        (s) => s.productId === PRODUCT.visioPlan2,
      );
      expect(visio?.assignedUserIds).to.have.length(250);
      expect(new Set(visio?.assignedUserIds).size).to.equal(250);
      const pages = graph.seen(/^\/users$/).filter((r) => r.query.$filter?.includes(skuId));
      expect(pages.map((p) => p.query.$skiptoken ?? 'first')).to.deep.equal([
        'first',
        '100',
        '200',
      ]);
    });

    it('trials, expired subscriptions and SKUs that are not the bot products are left out', async () => {
      const contoso = graph.model.get(CONTOSO)!;
      const base = contoso.subscriptions[0]!;
      contoso.subscriptions.push(
        { ...base, id: 'trial', isTrial: true },
        { ...base, id: 'expired', status: 'Expired' },
        { ...base, id: 'e3', skuPartNumber: 'SPE_E3', skuId: skuIdOf('SPE_E3') },
      );
      const ids = (await directory.centralSubscriptions(CONTOSO)).map((s) => s.id);
      expect(ids).to.not.include.members(['trial', 'expired', 'e3']);
      expect(ids).to.have.length(3);
    });
  });

  it('partner relationships come from the tenants file', async () => {
    const tailspin = tenantId(seed, 'Tailspin MSP');
    const customers = await directory.customerRelationshipsOf(tailspin);
    expect(customers.map((r) => [r.kind, r.customerTenantId])).to.deep.equal([
      ['GDAP', CONTOSO],
      ['GDAP', tenantId(seed, 'Northwind Traders Brasil')],
    ]);
    expect((await directory.partnerRelationshipsOf(CONTOSO)).map((r) => r.kind)).to.deep.equal([
      'DAP',
      'GDAP',
    ]);
    expect(graph.requests).to.deep.equal([]);
  });
});
