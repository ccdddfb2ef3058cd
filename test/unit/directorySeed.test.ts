// The directory seed file: the demo seed covers every case of the spec; a broken seed says where and what is wrong.

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  DirectorySeedError,
  parseDirectorySeed,
  SeedDirectory,
} from '../../services/directory/seedDirectory.js';
import { DEMO_SEED_FILE, demoSeed, tenantId } from '../helpers/seed.js';

/** The error a seed text gives; fails the test when the text is accepted. */
function seedError(text: string, file = 'data/broken.json'): Error {
  try {
    parseDirectorySeed(text, file);
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the seed to be refused');
}

/** The demo seed's JSON text with the value at `path` ("tenants[0].users[2].country") replaced or removed. */
function brokenAt(path: string, value: unknown): string {
  const root = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as Record<string, unknown>;
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  const last = keys.pop() ?? '';
  let node = root;
  for (const k of keys) node = node[k] as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return JSON.stringify(root);
}

describe('directory seed', () => {
  describe('the demo seed', () => {
    const seed = demoSeed();
    const id = (name: string): string => tenantId(seed, name);
    const contoso = seed.tenants.find((t) => t.name === 'Contoso');
    const userOf = (upn: string): unknown => contoso?.users.find((u) => u.upn.startsWith(upn));

    it('is valid and loads as a directory', async () => {
      const directory = SeedDirectory.fromFile(DEMO_SEED_FILE);
      expect((await directory.findTenantByDomain('contoso.com'))?.name).to.equal('Contoso');
    });

    const people: [string, Record<string, unknown>][] = [
      ['alice', { userType: 'Member', roles: [], accountEnabled: true }],
      ['carol', { roles: ['GlobalAdministrator'] }],
      ['dave', { roles: ['BillingAdministrator'] }],
      ['erin', { roles: ['GlobalReader'] }],
      ['frank', { roles: ['LicenseAdministrator'] }],
      ['grace', { roles: ['UserAdministrator'] }],
      ['peggy', { roles: ['GlobalAdministrator', 'BillingAdministrator'] }],
      ['heidi', { source: 'syncedFromOnPremAD', accountEnabled: true }],
      ['ivan', { accountEnabled: false, deleted: false }],
      ['mallory', { deleted: true }],
      ['priya', { country: 'IN' }],
      ['oscar', { country: 'SE' }],
      ['nora', { country: '' }],
      ['judy_', { userType: 'Guest', homeTenantId: id('Humongous Charity') }],
    ];
    for (const [upn, props] of people) {
      it(`has ${upn.replace('_', '')} in Contoso with ${JSON.stringify(props)}`, () => {
        expect(userOf(upn)).to.deep.include(props);
      });
    }

    const tenants: [string, Record<string, unknown>][] = [
      ['Contoso', { country: 'US', hasExistingAgreement: true, licenseRequestsEnabled: true }],
      ['Fabrikam India', { country: 'IN' }],
      ['Northwind Traders Brasil', { country: 'BR' }],
      ['Kinshasa Traders', { country: 'CD' }],
      ['Contoso University', { type: 'education' }],
      ['City of Springfield', { type: 'government', cloud: 'usgov' }],
      ['Litware (unmanaged)', { managed: false }],
      ['Humongous Charity', { type: 'nonprofit', hasExistingAgreement: false }],
      ['Fjällbacka Design AB', { country: 'SE', hasExistingAgreement: false }],
      ['Contoso China', { type: 'commercial', cloud: 'china21vianet' }],
    ];
    for (const [name, props] of tenants) {
      it(`has the tenant ${name} with ${JSON.stringify(props)}`, () => {
        expect(seed.tenants.find((t) => t.name === name)).to.deep.include(props);
      });
    }

    it('has a tenant with its own license request message', () => {
      const fjallbacka = seed.tenants.find((t) => t.name === 'Fjällbacka Design AB');
      expect(fjallbacka?.customRequestMessage).to.match(/IT-portalen/);
    });

    const relationships: [string, string, string, string[], string][] = [
      ['Adatum Partners', 'Contoso', 'DAP', ['GlobalAdministrator'], 'pat'],
      ['Tailspin MSP', 'Contoso', 'GDAP', ['BillingAdministrator', 'GlobalReader'], 'tom'],
      ['Tailspin MSP', 'Northwind Traders Brasil', 'GDAP', ['GlobalAdministrator'], 'tom'],
    ];
    for (const [partner, customer, kind, roles, agent] of relationships) {
      it(`has ${partner} on ${customer} by ${kind} as ${roles.join(' + ')}, agent ${agent}`, () => {
        const rel = seed.partnerRelationships.find(
          (r) => r.partnerTenantId === id(partner) && r.customerTenantId === id(customer),
        );
        const agents = seed.tenants.find((t) => t.name === partner)?.users ?? [];
        expect(rel).to.deep.include({ kind, roles });
        expect(rel?.agentUserIds.map((u) => agents.find((a) => a.id === u)?.upn)).to.deep.equal([
          `${agent}@${agents[0]?.upn.split('@')[1]}`,
        ]);
      });
    }
  });

  describe('a broken seed names the file, the place and the problem', () => {
    const alice = '00000001-0000-4000-a000-522b276a356b';
    const contosoId = '00000001-0000-4000-8000-000000000000';
    // The value at a path is replaced (undefined: removed); the error names that path unless another is given.
    const table: [string, unknown, string, string?][] = [
      ['tenants[0].users[2].country', 'us', 'two-letter ISO 3166 country code'],
      ['tenants[1].country', 'IND', 'two-letter ISO 3166 country code'],
      ['tenants[0].users[3].roles[0]', 'SuperAdmin', 'expected one of "GlobalAdministrator"'],
      ['tenants[0].users[14].homeTenantId', undefined, 'a guest needs the id of its home tenant'],
      ['tenants[0].users[14].homeTenantId', contosoId, 'which is not this tenant'],
      ['tenants[0].users[0].homeTenantId', 'elsewhere', 'a member belongs to this tenant'],
      ['tenants[0].users[1].id', alice, `duplicate user id ${alice}`],
      ['tenants[2].id', contosoId, `duplicate tenant id ${contosoId}`],
      ['tenants[1].domains[0]', 'contoso.com', 'already verified by tenants[0]'],
      ['tenants[1].domains[0]', 'Fabrikam.co.in', 'expected a lower-case domain name'],
      ['tenants[0].users[0].upn', 'alice', 'expected a user principal name'],
      ['tenants[0].type', 'military', 'expected one of "commercial"'],
      [
        'tenants[0].centralSubscriptions[2].quantity',
        1,
        '2 users assigned but only 1 licenses',
        'tenants[0].centralSubscriptions[2].assignedUserIds',
      ],
      ['tenants[0].centralSubscriptions[1].assignedUserIds[0]', 'ghost', 'no user ghost'],
      ['partnerRelationships[0].customerTenantId', 'nowhere', 'no tenant nowhere'],
      ['partnerRelationships[1].partnerTenantId', 'nowhere', 'no tenant nowhere'],
      ['partnerRelationships[0].agentUserIds[0]', 'ghost', 'no user ghost in the partner tenant'],
      ['tenants[0].users[0].shoeSize', 42, 'Unrecognized key: "shoeSize"', 'tenants[0].users[0]'],
      ['version', 2, 'Unrecognized key: "version"', '(top level)'],
    ];
    for (const [path, value, problem, reportedAt = path] of table) {
      it(`${path} = ${JSON.stringify(value) ?? '(removed)'}: ${problem}`, () => {
        const error = seedError(brokenAt(path, value));
        expect(error).to.be.instanceOf(DirectorySeedError);
        expect(error.message).to.contain('data/broken.json');
        expect(error.message).to.contain(`${reportedAt}: `);
        expect(error.message).to.contain(problem);
      });
    }

    it('lists every problem, not just the first', () => {
      const error = seedError(
        JSON.stringify({
          ...(JSON.parse(brokenAt('tenants[0].users[2].country', 'usa')) as object),
          extra: true,
        }),
      );
      expect(error.message).to.contain('tenants[0].users[2].country: ');
      expect(error.message).to.contain('(top level): Unrecognized key: "extra"');
    });

    it('text that is not JSON names the file', () => {
      const error = seedError('{"tenants": [', 'seeds/typo.json');
      expect(error).to.be.instanceOf(DirectorySeedError);
      expect(error.message).to.contain('seeds/typo.json');
      expect(error.message).to.contain('not JSON');
    });

    it('a seed without tenants is refused', () => {
      expect(seedError('{"tenants": []}').message).to.contain('tenants: ');
    });

    it('a file that does not exist is named', () => {
      const missing = '/nowhere/directory.json';
      expect(() => SeedDirectory.fromFile(missing))
        .to.throw(DirectorySeedError)
        .with.property('message')
        .that.contains(missing)
        .and.contains('cannot be read');
    });
  });
});
