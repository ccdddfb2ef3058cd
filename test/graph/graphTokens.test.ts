// App-only tokens from the real msal-node client against the local token endpoint: a secret or a certificate, msal's
// own cache and renewal, no network discovery, and the answers that mean "not consented" rather than "down".

import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphUnavailableError } from '../../services/directory/graph/graphErrors.js';
import { GraphSetupError } from '../../services/directory/graph/graphSettings.js';
import { authorityOptions } from '../../services/directory/graph/graphTokens.js';
import { LocalGraph, LOCAL_CLIENT_ID } from '../helpers/localGraph.js';
import { selfSignedCertificate } from '../helpers/selfSignedCertificate.js';
import { demoSeed, person, tenantId } from '../helpers/seed.js';

const seed = demoSeed();
const alice = person(seed, 'alice');

describe('Graph tokens through msal-node (client credentials)', () => {
  const graph = new LocalGraph();
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

  it('needs no network discovery: the token endpoint saw only token requests', async () => {
    const d = graph.directoryFor(demoSeed());
    await d.getTenant(tenantId(seed, 'Fabrikam India'));
    expect(graph.strayRequests).to.deep.equal([]);
    expect(graph.tokenRequests).to.have.length(1);
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
