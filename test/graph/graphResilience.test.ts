// Being a good Graph citizen: throttling and server errors retried within a budget honouring Retry-After, slow calls
// cut off, refused tokens renewed once, lookups cached briefly and failures never cached.

import { expect } from 'chai';
import { GraphUnavailableError } from '../../services/directory/graph/graphErrors.js';
import type { GraphDirectory } from '../../services/directory/graph/graphDirectory.js';
import type { GraphSettings } from '../../services/directory/graph/graphSettings.js';
import { retryAfter } from '../../services/directory/graph/graphClient.js';
import { LocalGraph, type Fault } from '../helpers/localGraph.js';
import { onlyLoopbackFetch } from '../helpers/loopbackFetch.js';
import { demoSeed, person } from '../helpers/seed.js';

const seed = demoSeed();
const alice = person(seed, 'alice');
const USER_PATH = /^\/users\/[^/]+$/;

describe('GraphDirectory as a good Graph citizen', () => {
  const graph = new LocalGraph();
  onlyLoopbackFetch();
  let waits: number[];
  let clock: number;
  let failures: string[];
  before(() => graph.start());
  after(() => graph.stop());

  function directory(overrides: Partial<GraphSettings> = {}): GraphDirectory {
    waits = [];
    failures = [];
    clock = Date.parse('2026-03-02T09:00:00Z');
    return graph.directoryFor(demoSeed(), overrides, {
      // Waits are seen and pass on the clock, without being spent.
      sleep: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
      now: () => clock,
      onFailure: (event) => failures.push(`${event.what}:${event.status ?? event.reason}`),
    });
  }

  async function rejection(promise: Promise<unknown>): Promise<GraphUnavailableError> {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(GraphUnavailableError);
      return error as GraphUnavailableError;
    }
    throw new Error('expected the lookup to fail');
  }

  describe('retries: 429 and 5xx, within the budget of 3 attempts, waiting what Retry-After says', () => {
    const cases: [string, Fault[], number, number[]][] = [
      [
        '429 with Retry-After: 1, twice, then success',
        [
          { status: 429, retryAfter: '1' },
          { status: 429, retryAfter: '1' },
        ],
        3,
        [1000, 1000],
      ],
      ['503 with Retry-After: 2, then success', [{ status: 503, retryAfter: '2' }], 2, [2000]],
      ['502 without Retry-After: backs off 250 ms', [{ status: 502 }], 2, [250]],
    ];
    for (const [what, faults, calls, expectedWaits] of cases) {
      it(`${what}: ${calls} calls, waits ${expectedWaits.join(', ')} ms`, async () => {
        const d = directory();
        graph.failNext(USER_PATH, ...faults);
        expect((await d.getUser(alice.tenantId, alice.userId))?.displayName).to.equal(
          'Alice Anderson',
        );
        expect(graph.seen(USER_PATH)).to.have.length(calls);
        expect(waits).to.deep.equal(expectedWaits);
      });
    }

    it('500s beyond the budget: exactly 3 calls, then it fails and says why', async () => {
      const d = directory();
      graph.failNext(USER_PATH, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
      const error = await rejection(d.getUser(alice.tenantId, alice.userId));
      expect(graph.seen(USER_PATH)).to.have.length(3);
      expect(error.status).to.equal(500);
      expect(error.message).to.equal(
        'Microsoft Graph gave no user: 500 serviceNotAvailable error answer after 3 attempts',
      );
      expect(failures).to.include('user:500');
    });

    it('a Retry-After longer than a turn can wait fails at once', async () => {
      const d = directory();
      graph.failNext(USER_PATH, { status: 429, retryAfter: '120' });
      await rejection(d.getUser(alice.tenantId, alice.userId));
      expect(graph.seen(USER_PATH)).to.have.length(1);
      expect(waits).to.deep.equal([]);
    });

    it('retries stop when the lookup budget is spent: no wait that would end after the deadline', async () => {
      const d = directory({ maxAttempts: 5, budgetMs: 5_000 });
      const slow: Fault = { status: 503, retryAfter: '2' };
      graph.failNext(USER_PATH, slow, slow, slow, slow);
      const error = await rejection(d.getUser(alice.tenantId, alice.userId));
      // 0 s: 503, wait 2 s; 2 s: 503, wait 2 s; 4 s: 503, and 2 s more would end after 5 s.
      expect(waits).to.deep.equal([2000, 2000]);
      expect(graph.seen(USER_PATH)).to.have.length(3);
      expect(error.message).to.equal(
        'Microsoft Graph gave no user: 503 serviceNotAvailable error answer, and no time left to wait 2000 ms after 3 attempts',
      );
    });

    it('one budget for the whole lookup: a later call of it starts with what is left', async () => {
      const d = directory({ maxAttempts: 5, budgetMs: 5_000 });
      const judy = person(seed, 'judy');
      // The guest's own lookup spends 4 s waiting; her home tenant's lookup (part of it) has 1 s left.
      graph.failNext(USER_PATH, { status: 503, retryAfter: '4' });
      graph.failNext(/^\/tenantRelationships\//, { status: 503, retryAfter: '2' });
      expect(await d.getUser(judy.tenantId, judy.userId)).to.deep.include({ homeTenantId: '' });
      expect(waits).to.deep.equal([4000]);
      expect(failures).to.deep.equal(['tenant of a domain:503']);
    });

    it('403 (permission not granted) is not retried', async () => {
      const d = directory();
      graph.failNext(USER_PATH, { status: 403 });
      expect((await rejection(d.getUser(alice.tenantId, alice.userId))).status).to.equal(403);
      expect(graph.seen(USER_PATH)).to.have.length(1);
    });

    const dates: [string, number | undefined][] = [
      ['3', 3000],
      ['0', 0],
      ['Mon, 02 Mar 2026 09:00:05 GMT', 5000],
      ['soon', undefined],
    ];
    for (const [header, ms] of dates) {
      it(`Retry-After "${header}" is ${ms ?? 'not a'} ms`, () => {
        expect(retryAfter(header, Date.parse('2026-03-02T09:00:00Z'))).to.equal(ms);
      });
    }
  });

  describe('timeouts and outages', () => {
    it('a Graph that never answers is cut off after GRAPH_TIMEOUT_MS, and not asked again', async () => {
      const d = directory({ timeoutMs: 150 });
      graph.failNext(USER_PATH, 'hang');
      const error = await rejection(d.getUser(alice.tenantId, alice.userId));
      expect(error.message).to.include('no answer within 150 ms');
      expect(graph.seen(USER_PATH)).to.have.length(1);
    });

    it('a token endpoint that never answers is cut off too', async () => {
      const d = directory({ timeoutMs: 150 });
      graph.failNext(/^\/token$/, 'hang');
      expect((await rejection(d.getTenant(alice.tenantId))).message).to.include(
        'did not answer in time',
      );
    });

    it('a Graph that cannot be reached: every attempt, then a failure', async () => {
      const d = directory();
      await d.getUser(alice.tenantId, alice.userId);
      await graph.stop();
      try {
        const error = await rejection(d.getTenant(alice.tenantId));
        expect(error.message).to.match(
          /^Microsoft Graph gave no organization: unreachable \(ECONNREFUSED\) after 3 attempts$/,
        );
        expect(waits).to.deep.equal([250, 500]);
      } finally {
        await graph.start();
      }
    });
  });

  describe('tokens', () => {
    it('a token Graph refuses (401) is replaced once by a fresh one from msal, and the call succeeds', async () => {
      const d = directory();
      await d.getTenant(alice.tenantId);
      graph.revokeTokens();
      expect((await d.getUser(alice.tenantId, alice.userId))?.upn).to.equal('alice@contoso.com');
      const tokens = graph.seen(USER_PATH).map((r) => r.token);
      expect(tokens).to.have.length(2);
      expect(tokens[0]).to.not.equal(tokens[1]);
    });

    it('a token still refused after renewal is a failure, not a loop', async () => {
      const d = directory();
      graph.failNext(USER_PATH, { status: 401 }, { status: 401 });
      expect((await rejection(d.getUser(alice.tenantId, alice.userId))).status).to.equal(401);
      expect(graph.seen(USER_PATH)).to.have.length(2);
    });
  });

  describe('caching: briefly, and never a failure', () => {
    it('the same user twice within the TTL is one Graph call; after the TTL it is asked again', async () => {
      const d = directory({ cacheTtlMs: 60_000 });
      await d.getUser(alice.tenantId, alice.userId);
      await d.getUser(alice.tenantId, alice.userId);
      expect(graph.seen(USER_PATH)).to.have.length(1);
      clock += 61_000;
      await d.getUser(alice.tenantId, alice.userId);
      expect(graph.seen(USER_PATH)).to.have.length(2);
    });

    it('roles that could not be read are not remembered as "no roles"', async () => {
      const d = directory({ maxAttempts: 1 });
      const carol = person(seed, 'carol');
      graph.failNext(/transitiveMemberOf/, { status: 503 });
      await rejection(d.getUser(carol.tenantId, carol.userId));
      expect((await d.getUser(carol.tenantId, carol.userId))?.roles).to.deep.equal([
        'GlobalAdministrator',
      ]);
    });

    it('role holders that could not be read are asked again next time', async () => {
      const d = directory({ maxAttempts: 1 });
      graph.failNext(/^\/directoryRoles/, { status: 500 });
      await rejection(d.usersWithRoles(alice.tenantId, ['GlobalAdministrator']));
      const admins = await d.usersWithRoles(alice.tenantId, ['GlobalAdministrator']);
      expect(admins.map((u) => u.displayName).sort()).to.deep.equal([
        'Carol Clark',
        'Peggy Parker',
      ]);
    });
  });

  it('a guest whose home organization cannot be looked up (403) is still found, as a guest', async () => {
    const d = directory();
    const judy = person(seed, 'judy');
    graph.failNext(/^\/tenantRelationships\//, { status: 403 });
    expect(await d.getUser(judy.tenantId, judy.userId)).to.deep.include({
      userType: 'Guest',
      homeTenantId: '',
    });
    expect(failures).to.deep.equal(['tenant of a domain:403']);
  });

  describe('answers that are not what Graph promises', () => {
    it('a next link that never ends is followed 100 pages, then the lookup fails (and says so)', async () => {
      const d = directory();
      graph.nextLink = (given, asked) =>
        /transitiveMemberOf/.test(asked.pathname) ? asked.href : given;
      const error = await rejection(d.getUser(alice.tenantId, alice.userId));
      expect(graph.seen(/transitiveMemberOf/)).to.have.length(100);
      expect(error.message).to.equal(
        'Microsoft Graph gave no roles: more than 100 pages after 1 attempt',
      );
      expect(failures).to.deep.equal(['roles:more than 100 pages']);
    });

    it('a relative next link is followed on the configured Graph', async () => {
      const d = directory();
      const contoso = graph.model.get(alice.tenantId)!;
      for (let i = 0; i < 150; i += 1) contoso.users.push({ ...contoso.users[0]!, id: `p-${i}` });
      graph.nextLink = (given) => (given ? given.replace(/^http:\/\/[^/]+/, '') : undefined);
      expect(await d.searchUsers(alice.tenantId, '', 200)).to.have.length(
        Math.min(contoso.users.length, 200),
      );
      expect(graph.seen(/^\/users$/)).to.have.length(2);
    });

    it('a next link that is no URL fails the lookup like any outage, not with a TypeError', async () => {
      const d = directory();
      const contoso = graph.model.get(alice.tenantId)!;
      for (let i = 0; i < 150; i += 1) contoso.users.push({ ...contoso.users[0]!, id: `p-${i}` });
      graph.nextLink = (given) => (given ? 'http://[::1' : undefined);
      const error = await rejection(d.searchUsers(alice.tenantId, '', 200));
      expect(error.message).to.equal(
        'Microsoft Graph gave no people search: a next link that is no URL after 1 attempt',
      );
      expect(failures).to.deep.equal(['people search:a next link that is no URL']);
    });

    it('a next link to another host is not followed (it would carry the token there)', async () => {
      const d = directory();
      const contoso = graph.model.get(alice.tenantId)!;
      // 150 people make two pages, and the local Graph's next link names a stranger's host.
      for (let i = 0; i < 150; i += 1) contoso.users.push({ ...contoso.users[0]!, id: `p-${i}` });
      graph.nextLinkBase = 'http://127.0.0.2:1/v1.0';
      const error = await rejection(d.searchUsers(alice.tenantId, '', 200));
      expect(error.message).to.include('another host');
    });
  });
});
