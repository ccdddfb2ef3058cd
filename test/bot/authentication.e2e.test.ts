// Authenticated mode against the real server: requests without a valid Bot Framework token are refused with 401,
// offline, before any bot logic runs, and neither the token nor the app secret is ever logged.

import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import dns from 'node:dns';
import sinon, { type SinonSpy, type SinonStub } from 'sinon';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { messageFrom, RawClient } from '../helpers/rawHttp.js';

const APP_ID = '6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET = `secret-${randomUUID()}`;

/** An unsigned JWT with these claims: well-formed enough for botbuilder to read the issuer, never valid. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'forged' })}.${part(claims)}.${randomUUID()}`;
}

describe('authenticated mode (MicrosoftAppId and secret set) over HTTP', () => {
  let h: Harness;
  let client: RawClient;
  let lookups: SinonSpy;
  let consoleError: SinonStub;
  before(async () => {
    h = await startBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: SECRET,
      MicrosoftAppType: 'MultiTenant',
      HOST: '127.0.0.1',
    });
  });
  beforeEach(() => {
    client = new RawClient(h.url);
    // Any host name looked up means botbuilder went to the internet (for OpenID metadata) to judge the request.
    lookups = sinon.spy(dns, 'lookup');
    // CloudAdapter prints each rejection to the console itself; captured here to check it holds no secret either.
    consoleError = sinon.stub(console, 'error');
  });
  afterEach(() => {
    sinon.restore();
    client.close();
  });
  after(async () => {
    await h.stop();
  });

  // Each of these fails inside botbuilder before it fetches signing keys, so no network is needed. A JWT whose
  // issuer IS a Bot Framework issuer (https://api.botframework.com) would make it fetch
  // https://login.botframework.com/v1/.well-known/openidconfiguration first; offline that request fails and
  // CloudAdapter answers 500 with the fetch error, which is why no such token is used here.
  const cases = [
    { name: 'no Authorization header', authorization: undefined },
    { name: 'a bearer value that is not a JWT', authorization: 'Bearer not-a-token' },
    {
      name: 'a JWT from an issuer Bot Framework does not trust',
      authorization: `Bearer ${jwt({ iss: 'https://login.attacker.example', aud: APP_ID })}`,
    },
    { name: 'another scheme', authorization: 'Basic Ym90OnBhc3N3b3Jk' },
  ];

  for (const c of cases) {
    it(`${c.name} → 401, the bot does nothing, and the refusal is logged without secrets`, async () => {
      const bob = h.user('bob');
      const sentBefore = h.connector.calls.length;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (c.authorization) headers.authorization = c.authorization;

      const answer = await client.post(messageFrom(bob, 'buy 5 power bi pro'), headers);

      expect(answer.status).to.equal(401);
      expect(answer.text).to.include('Unauthorized');
      expect(h.connector.calls.length, 'the bot must not have replied').to.equal(sentBefore);
      expect(lookups.called, `looked up ${String(lookups.firstCall?.args[0])}`).to.equal(false);

      const refusals = h.logs
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.event === 'http.unauthorized');
      expect(refusals.at(-1)).to.include({
        level: 'warn',
        authorizationHeader: c.authorization ? 'rejected' : 'missing',
      });

      const printed = [...h.logs, ...consoleError.args.map((args) => args.map(String).join(' '))];
      for (const text of printed) {
        expect(text).not.to.include(SECRET);
        if (c.authorization) expect(text).not.to.include(c.authorization.split(' ')[1]);
      }
    });
  }
});
