// Being a good Graph citizen: throttling and server errors retried within a budget honouring Retry-After, slow calls
// cut off, refused tokens renewed once, lookups cached briefly and failures never cached.

import { expect } from 'chai';
import { GraphUnavailableError } from '../../services/directory/graph/graphErrors.js';
import type { GraphDirectory } from '../../services/directory/graph/graphDirectory.js';
import type { GraphSettings } from '../../services/directory/graph/graphSettings.js';
import { retryAfter } from '../../services/directory/graph/graphClient.js';
import { LocalGraph, type Fault } from '../helpers/localGraph.js';
import { demoSeed, person } from '../helpers/seed.js';

const seed = demoSeed();
const alice = person(seed, 'alice');
const USER_PATH = /^\/users\/[^/]+$/;

describe('GraphDirectory as a good Graph citizen', () => {
  const graph = new LocalGraph();
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
      sleep: (ms) => {
        waits.push(ms);
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
