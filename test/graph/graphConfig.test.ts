// DIRECTORY=graph configuration: what loadConfig accepts, the one line it refuses each mistake with, and the tenants
// file checked at start-up by the composition root.

import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../../bot/compositionRoot.js';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { JsonLogger } from '../../bot/logger.js';
import { GraphDirectory } from '../../services/directory/graph/graphDirectory.js';
import { cloudOfAuthority } from '../../services/directory/graph/graphSettings.js';
import { SeedDirectory } from '../../services/directory/seedDirectory.js';
import { onlyLoopbackFetch } from '../helpers/loopbackFetch.js';

const APP = '11111111-2222-4333-8444-555555555555';
const HOME = '66666666-7777-4888-9999-000000000000';
const GRAPH = { DIRECTORY: 'graph', GRAPH_CLIENT_ID: APP, GRAPH_TENANT_ID: HOME };
/** What NODE_ENV=production needs besides: the bot's own credentials. */
const PRODUCTION = {
  NODE_ENV: 'production',
  MicrosoftAppId: APP,
  MicrosoftAppPassword: 'bot-secret',
  MicrosoftAppType: 'MultiTenant',
};

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('DIRECTORY=graph configuration', () => {
  onlyLoopbackFetch();

  it('with the app, a secret and nothing else: the public cloud, a minute of cache, 5 s, 3 attempts', () => {
    expect(loadConfig({ ...GRAPH, GRAPH_CLIENT_SECRET: 's3cret' }).graph).to.deep.equal({
      clientId: APP,
      homeTenantId: HOME,
      credential: { kind: 'secret', secret: 's3cret' },
      authorityHost: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      tenantsFile: undefined,
      cacheTtlMs: 60_000,
      timeoutMs: 5_000,
      maxAttempts: 3,
      budgetMs: 8_000,
    });
  });

  it('a sovereign cloud, a certificate and tuned limits', () => {
    const config = loadConfig({
      ...GRAPH,
      GRAPH_CERTIFICATE_PATH: '/secrets/app.pem',
      GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
      GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0/',
      GRAPH_TENANTS_FILE: 'config/tenants.json',
      GRAPH_CACHE_TTL_SECONDS: '0',
      GRAPH_TIMEOUT_MS: '2500',
      GRAPH_MAX_ATTEMPTS: '5',
      GRAPH_BUDGET_MS: '6000',
    });
    expect(config.graph).to.deep.include({
      credential: { kind: 'certificate', file: '/secrets/app.pem' },
      authorityHost: 'https://login.microsoftonline.us',
      graphBaseUrl: 'https://graph.microsoft.us/v1.0',
      tenantsFile: 'config/tenants.json',
      cacheTtlMs: 0,
      timeoutMs: 2500,
      maxAttempts: 5,
      budgetMs: 6000,
    });
  });

  it('the seed directory stays the default, and Graph settings are not read for it', () => {
    const config = loadConfig({ GRAPH_CLIENT_ID: 'not even a GUID' });
    expect(config.directory).to.equal('seed');
    expect(config.graph).to.equal(undefined);
  });

  const mistakes: [string, Record<string, string>, string][] = [
    [
      'no app id',
      { DIRECTORY: 'graph', GRAPH_TENANT_ID: HOME, GRAPH_CLIENT_SECRET: 's' },
      "GRAPH_CLIENT_ID is missing: DIRECTORY=graph needs the Entra app's client id.",
    ],
    [
      'an app id that is no GUID',
      { ...GRAPH, GRAPH_CLIENT_ID: 'my-bot', GRAPH_CLIENT_SECRET: 's' },
      'Setting GRAPH_CLIENT_ID is not valid: expected a GUID such as 00000000-0000-0000-0000-000000000000.',
    ],
    [
      'no home tenant',
      { DIRECTORY: 'graph', GRAPH_CLIENT_ID: APP, GRAPH_CLIENT_SECRET: 's' },
      'GRAPH_TENANT_ID is missing: DIRECTORY=graph needs the id of the tenant the app is registered in.',
    ],
    [
      'no credential',
      GRAPH,
      "GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH is missing: DIRECTORY=graph needs the app's client secret or a PEM file with its certificate and private key.",
    ],
    [
      'both credentials',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_CERTIFICATE_PATH: 'a.pem' },
      'GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH are both set: set only one of them.',
    ],
    [
      'an http authority host',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_AUTHORITY_HOST: 'http://login.example.com' },
      'Setting GRAPH_AUTHORITY_HOST is not valid: it must be an https URL (http only for a local stand-in on 127.0.0.1).',
    ],
    [
      'an authority host with a tenant in it',
      {
        ...GRAPH,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.com/common',
      },
      'Setting GRAPH_AUTHORITY_HOST is not valid: expected only the scheme and host, such as https://login.microsoftonline.com.',
    ],
    [
      'a Graph URL that is no URL',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_BASE_URL: 'graph' },
      'Setting GRAPH_BASE_URL is not valid: "graph" is not a URL.',
    ],
    [
      'a timeout of 0',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_TIMEOUT_MS: '0' },
      'Setting GRAPH_TIMEOUT_MS is not valid: Too small: expected number to be >=50.',
    ],
    [
      'more attempts than a turn can wait for',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_MAX_ATTEMPTS: '6' },
      'Setting GRAPH_MAX_ATTEMPTS is not valid: Too big: expected number to be <=5.',
    ],
    [
      'a timeout longer than a card action may take',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_TIMEOUT_MS: '60000' },
      'Setting GRAPH_TIMEOUT_MS is not valid: Too big: expected number to be <=10000.',
    ],
    [
      'a lookup budget longer than a card action may take',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_BUDGET_MS: '15000' },
      'Setting GRAPH_BUDGET_MS is not valid: Too big: expected number to be <=12000.',
    ],
    [
      'one call allowed longer than the whole lookup',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_TIMEOUT_MS: '6000', GRAPH_BUDGET_MS: '4000' },
      'Setting GRAPH_TIMEOUT_MS is not valid: one call cannot take longer than a whole lookup (GRAPH_BUDGET_MS=4000).',
    ],
    [
      'the Graph beta endpoint',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_BASE_URL: 'https://graph.microsoft.com/beta' },
      'Setting GRAPH_BASE_URL is not valid: expected Graph v1.0, such as https://graph.microsoft.com/v1.0.',
    ],
    [
      'a Graph URL without a version',
      { ...GRAPH, GRAPH_CLIENT_SECRET: 's', GRAPH_BASE_URL: 'https://graph.microsoft.com' },
      'Setting GRAPH_BASE_URL is not valid: expected Graph v1.0, such as https://graph.microsoft.com/v1.0.',
    ],
    [
      'a local stand-in for Graph in production',
      {
        ...GRAPH,
        ...PRODUCTION,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_BASE_URL: 'http://127.0.0.1:4000/v1.0',
      },
      'Setting GRAPH_BASE_URL is not valid: plain http (a local stand-in) is not allowed with NODE_ENV=production.',
    ],
    [
      'a local stand-in for the token endpoint in production',
      {
        ...GRAPH,
        ...PRODUCTION,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_AUTHORITY_HOST: 'http://127.0.0.1:4000',
      },
      'Setting GRAPH_AUTHORITY_HOST is not valid: plain http (a local stand-in) is not allowed with NODE_ENV=production.',
    ],
  ];
  it('Graph behind a path of its own, and a local stand-in outside production, are accepted', () => {
    expect(
      loadConfig({
        ...GRAPH,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_BASE_URL: 'https://proxy.example.com/graph/v1.0/',
      }).graph?.graphBaseUrl,
    ).to.equal('https://proxy.example.com/graph/v1.0');
    expect(
      loadConfig({
        ...GRAPH,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_AUTHORITY_HOST: 'http://127.0.0.1:4000',
        GRAPH_BASE_URL: 'http://127.0.0.1:4000/v1.0',
      }).graph,
    ).to.deep.include({
      authorityHost: 'http://127.0.0.1:4000',
      graphBaseUrl: 'http://127.0.0.1:4000/v1.0',
    });
    expect(loadConfig({ ...GRAPH, ...PRODUCTION, GRAPH_CLIENT_SECRET: 's' }).production).to.equal(
      true,
    );
  });

  for (const [what, env, message] of mistakes) {
    it(`${what}: "${message}"`, () => {
      expect(refusal(env)).to.equal(message);
    });
  }

  const clouds: [string, string][] = [
    ['https://login.microsoftonline.com', 'worldwide'],
    ['https://login.microsoftonline.us', 'usgov'],
    ['https://login.chinacloudapi.cn', 'china21vianet'],
    ['http://127.0.0.1:4000', 'worldwide'],
  ];
  for (const [host, cloud] of clouds) {
    it(`tenants the file does not place are in the authority's cloud: ${host} -> ${cloud}`, () => {
      expect(cloudOfAuthority(host)).to.equal(cloud);
    });
  }

  describe('start-up with GRAPH_TENANTS_FILE', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'ssp-graph-config-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    async function start(content: string | undefined) {
      const file = join(dir, `tenants-${Math.random()}.json`);
      if (content !== undefined) writeFileSync(file, content);
      const config = loadConfig({
        ...GRAPH,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_TENANTS_FILE: file,
        STORE_URL: 'memory',
      });
      return compose(config, new JsonLogger('error', () => undefined));
    }

    const broken: [string, string | undefined, RegExp][] = [
      ['a missing file', undefined, /^GRAPH_TENANTS_FILE .* cannot be read as JSON: ENOENT/],
      ['no JSON', '{ tenants: ', /^GRAPH_TENANTS_FILE .* cannot be read as JSON/],
      [
        'a tenant type Graph has no word for',
        JSON.stringify({ tenants: [{ id: HOME, type: 'charity' }] }),
        /tenants\[0\]\.type: Invalid option: expected one of "commercial"\|"education"\|"government"\|"nonprofit"$/,
      ],
      [
        'a tenant listed twice',
        JSON.stringify({ tenants: [{ id: HOME }, { id: HOME.toUpperCase() }] }),
        /tenants\[1\]\.id: duplicate tenant id/,
      ],
      [
        'a partner relationship without agents',
        JSON.stringify({
          partnerRelationships: [
            {
              partnerTenantId: HOME,
              customerTenantId: APP,
              kind: 'GDAP',
              roles: ['GlobalReader'],
              agentUserIds: [],
            },
          ],
        }),
        /partnerRelationships\[0\]\.agentUserIds: Too small/,
      ],
    ];
    for (const [what, content, message] of broken) {
      it(`${what}: start-up stops with a ConfigError naming the file`, async () => {
        let error: unknown;
        try {
          await start(content);
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(ConfigError);
        expect((error as Error).message).to.match(message);
      });
    }

    it('a valid file: the app runs on GraphDirectory; without DIRECTORY=graph, on the seed', async () => {
      const app = await start(JSON.stringify({ tenants: [{ id: HOME, type: 'education' }] }));
      expect(app.domain.directory).to.be.instanceOf(GraphDirectory);
      await app.stop();
      const seeded = await compose(
        loadConfig({ STORE_URL: 'memory' }),
        new JsonLogger('error', () => undefined),
      );
      expect(seeded.domain.directory).to.be.instanceOf(SeedDirectory);
      await seeded.stop();
    });
  });
});
