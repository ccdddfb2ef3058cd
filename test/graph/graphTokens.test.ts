// App-only tokens from the real msal-node client against the local token endpoint: a secret or a certificate, msal's
// own cache and renewal, no network discovery, and the answers that mean "not consented" rather than "down".

import { ConfidentialClientApplication } from '@azure/msal-node';
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProductById } from '../../services/catalog/catalog.js';
import type { GraphEvent } from '../../services/directory/graph/graphClient.js';
import type { GraphDirectory } from '../../services/directory/graph/graphDirectory.js';
import { GraphUnavailableError } from '../../services/directory/graph/graphErrors.js';
import { GraphSetupError } from '../../services/directory/graph/graphSettings.js';
import { authorityOptions } from '../../services/directory/graph/graphTokens.js';
import { fixture, PRODUCT, useDirectory } from '../helpers/domainFixture.js';
import { LocalGraph, LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET } from '../helpers/localGraph.js';
import { onlyLoopbackFetch } from '../helpers/loopbackFetch.js';
import { selfSignedCertificate } from '../helpers/selfSignedCertificate.js';
import { demoSeed, person, tenantId } from '../helpers/seed.js';

const seed = demoSeed();
const alice = person(seed, 'alice');

describe('Graph tokens through msal-node (client credentials)', () => {
  const graph = new LocalGraph();
  const guard = onlyLoopbackFetch();
  let dir: string;
  before(async () => {
    await graph.start();
    dir = mkdtempSync(join(tmpdir(), 'ssp-graph-cert-'));
  });
  after(async () => {
    await graph.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function failure(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a failure');
  }

  it("in production msal gets the public cloud's endpoints, the ones msal itself hard-codes for it", () => {
    const options = authorityOptions('https://login.microsoftonline.com', alice.tenantId);
    expect(options.authority).to.equal(`https://login.microsoftonline.com/${alice.tenantId}`);
    expect(options.knownAuthorities).to.deep.equal(['login.microsoftonline.com']);
    expect(JSON.parse(options.authorityMetadata ?? '{}')).to.deep.include({
      token_endpoint: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
      issuer: 'https://login.microsoftonline.com/{tenant}/v2.0',
    });
  });

  it('with a client secret: one token per tenant, reused from msal cache for every later call', async () => {
    const d = graph.directoryFor(demoSeed(), { cacheTtlMs: 0 });
    for (const name of ['alice', 'bob', 'carol']) {
      const caller = person(seed, name);
      await d.getUser(caller.tenantId, caller.userId);
    }
    expect(graph.tokenRequests).to.deep.equal([alice.tenantId]);
    expect(new Set(graph.requests.map((r) => r.token)).size).to.equal(1);
  });

  it('needs no network discovery: nothing left the machine, the token endpoint saw only token requests', async () => {
    const d = graph.directoryFor(demoSeed());
    await d.getTenant(tenantId(seed, 'Fabrikam India'));
    expect(guard.refused).to.deep.equal([]);
    expect(graph.strayRequests).to.deep.equal([]);
    expect(graph.tokenRequests).to.have.length(1);
  });

  it("the guard catches msal's instance discovery (a client built without knownAuthorities)", async () => {
    graph.reset();
    const options = { ...authorityOptions(graph.authorityHost, alice.tenantId) };
    delete options.knownAuthorities;
    const app = new ConfidentialClientApplication({
      auth: { clientId: LOCAL_CLIENT_ID, clientSecret: LOCAL_CLIENT_SECRET, ...options },
    });
    await failure(
      app.acquireTokenByClientCredential({ scopes: [`${graph.authorityHost}/.default`] }),
    );
    // Emptied here, or the guard's afterEach would fail this test as it fails any other.
    const refused = guard.refused.splice(0);
    expect(refused).to.have.length(1);
    expect(refused[0]).to.match(
      /^https:\/\/login\.microsoftonline\.com\/common\/discovery\/instance\?/,
    );
    // The stand-in never heard of it: only the guard can tell.
    expect(graph.strayRequests).to.deep.equal([]);
  });

  it('an expired token is renewed by msal itself: a second token, and Graph accepts it', async () => {
    const d = graph.directoryFor(demoSeed(), { cacheTtlMs: 0 });
    // Under msal's five-minute renewal margin, so the cached token counts as expired at its next use.
    graph.tokenLifetimeSeconds = 60;
    await d.getTenant(alice.tenantId);
    await d.getTenant(alice.tenantId);
    expect(graph.tokenRequests).to.deep.equal([alice.tenantId, alice.tenantId]);
    const [first, second] = graph.seen(/^\/organization$/).map((r) => r.token);
    expect(first).to.be.a('string').and.not.equal(second);
  });

  it('with a certificate: msal signs an assertion the endpoint verifies against the certificate', async () => {
    const { pem, certificate } = selfSignedCertificate('ssp-bot-test');
    const file = join(dir, 'app.pem');
    writeFileSync(file, pem);
    graph.certificates.push(certificate);
    const d = graph.directoryFor(demoSeed(), { credential: { kind: 'certificate', file } });
    expect((await d.getTenant(alice.tenantId))?.name).to.equal('Contoso');
  });

  it('a certificate the app registration does not know is refused: a failure, never an answer', async () => {
    const file = join(dir, 'stranger.pem');
    writeFileSync(file, selfSignedCertificate('stranger').pem);
    const d = graph.directoryFor(demoSeed(), { credential: { kind: 'certificate', file } });
    const error = await failure(d.getTenant(alice.tenantId));
    expect(error).to.be.instanceOf(GraphUnavailableError);
    expect(error.message).to.equal('The token endpoint refused: invalid_client (AADSTS700027)');
  });

  const setups: [string, () => string, RegExp][] = [
    ['a missing file', () => join(dir, 'missing.pem'), /^GRAPH_CERTIFICATE_PATH .* cannot be read/],
    [
      'a file with only the certificate',
      () => {
        const file = join(dir, 'certonly.pem');
        writeFileSync(file, selfSignedCertificate('x').certificate);
        return file;
      },
      /must hold the private key and the certificate, both PEM\.$/,
    ],
  ];
  for (const [what, file, message] of setups) {
    it(`GRAPH_CERTIFICATE_PATH naming ${what} stops start-up with the setting's name`, () => {
      expect(() =>
        graph.directoryFor(demoSeed(), { credential: { kind: 'certificate', file: file() } }),
      )
        .to.throw(GraphSetupError)
        .with.property('message')
        .that.matches(message);
    });
  }

  const refusals: [string, Parameters<LocalGraph['directoryFor']>[1], string][] = [
    [
      'a wrong secret',
      { credential: { kind: 'secret', secret: 'wrong' } },
      'invalid_client (AADSTS7000215)',
    ],
    [
      'another app id (every tenant, its own included, says the app is not there)',
      { clientId: LOCAL_CLIENT_ID.replace('5c', '6c') },
      'check GRAPH_CLIENT_ID and GRAPH_TENANT_ID',
    ],
  ];
  for (const [what, overrides, code] of refusals) {
    it(`${what}: Graph is unavailable (${code}), never "no such user"`, async () => {
      const d = graph.directoryFor(demoSeed(), overrides);
      for (const lookup of [d.getTenant(alice.tenantId), d.getUser(alice.tenantId, alice.userId)]) {
        const error = await failure(lookup);
        expect(error).to.be.instanceOf(GraphUnavailableError);
        expect(error.message).to.include(code);
      }
    });
  }

  it('a token endpoint answering 503 makes Graph unavailable, and the failure is reported', async () => {
    const reported: string[] = [];
    const d = graph.directoryFor(demoSeed(), {}, { onFailure: (e) => reported.push(e.what) });
    graph.tokenOutage = 503;
    expect(await failure(d.getUser(alice.tenantId, alice.userId))).to.be.instanceOf(
      GraphUnavailableError,
    );
    expect(reported).to.include('token for user');
  });

  it("a token endpoint fault is logged with Entra's error code, never [object Object]", async () => {
    const reported: GraphEvent[] = [];
    const d = graph.directoryFor(demoSeed(), {}, { onFailure: (e) => reported.push(e) });
    graph.failNext(/^\/token$/, { status: 503 });
    const error = await failure(d.getUser(alice.tenantId, alice.userId));
    expect(error.message).to.equal(
      'The token endpoint refused: temporarily_unavailable (AADSTS90033)',
    );
    expect(reported[0]).to.deep.equal({
      what: 'token for user',
      attempts: 1,
      status: 503,
      code: 'temporarily_unavailable',
      reason: 'The token endpoint refused: temporarily_unavailable (AADSTS90033)',
    });
  });

  describe("msal's throttling after the token endpoint refused, on ONE directory", () => {
    let directory: GraphDirectory | undefined;
    let reported: GraphEvent[];
    before(() =>
      useDirectory((s) => {
        reported = [];
        directory = graph.directoryFor(
          s,
          { cacheTtlMs: 0 },
          { onFailure: (e) => reported.push(e), maxTokenThrottleSeconds: 1 },
        );
        return directory;
      }),
    );
    after(() => useDirectory());

    const powerBiPro = findProductById(PRODUCT.powerBiPro)!;

    it('refuses with DIRECTORY_UNAVAILABLE, logs msal throttling with its reason and end, then recovers', async () => {
      const f = fixture();
      const check = () =>
        f.domain.eligibility.check({
          applicant: { caller: f.as('alice') },
          product: powerBiPro,
          intent: 'purchase',
        });
      // Entra asks for an hour; the bot lets msal hold that against it for the cap only.
      graph.failNext(/^\/token$/, { status: 429, retryAfter: '3600' });
      const started = Date.now();

      expect(await check()).to.deep.include({ eligible: false, code: 'DIRECTORY_UNAVAILABLE' });
      expect(reported.map((e) => e.reason)).to.deep.equal([
        'The token endpoint refused: temporarily_unavailable (AADSTS90055)',
      ]);

      // Right after, msal refuses by itself: the endpoint is not asked, and the log says why and until when.
      const refused = await check();
      expect(refused).to.deep.include({ eligible: false, code: 'DIRECTORY_UNAVAILABLE' });
      expect(graph.tokenRequests).to.have.length(1);
      const throttled = reported[1]?.reason ?? '';
      const until =
        /^token requests throttled by msal until (\S+) \(the token endpoint answered 429 temporarily_unavailable with Retry-After 3600\)$/.exec(
          throttled,
        )?.[1];
      expect(until, throttled).to.be.a('string');
      expect(Date.parse(until!) - started).to.be.within(0, 2_000);
      expect(reported[1]?.code).to.equal('throttled');

      // Once the capped throttle is over, the same directory gets a token and answers.
      await new Promise((resolve) => setTimeout(resolve, Date.parse(until!) - Date.now() + 50));
      expect(await check()).to.deep.include({ eligible: true });
      expect(graph.tokenRequests).to.have.length(2);
    });
  });

  it('a tenant the app was never consented in (AADSTS700016) is known but unmanaged, its people unseen', async () => {
    const d = graph.directoryFor(demoSeed());
    const lee = person(seed, 'lee', 'Litware (unmanaged)');
    expect(await d.getTenant(lee.tenantId)).to.deep.include({
      managed: false,
      name: 'Litware (unmanaged)',
    });
    expect(await d.getUser(lee.tenantId, lee.userId)).to.equal(undefined);
    expect(await d.usersWithRoles(lee.tenantId, ['GlobalAdministrator'])).to.deep.equal([]);
  });
});
