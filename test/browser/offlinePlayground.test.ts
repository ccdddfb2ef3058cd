// The pieces that keep the Playground offline and make it speak for the seed's people, checked without a browser.

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocaleRelay } from '../../scripts/playground/localeRelay.js';
import {
  describePerson,
  findPerson,
  playgroundConfig,
  readSeed,
} from '../../scripts/playground/playgroundConfig.js';
import { PRELOADS } from '../../scripts/playground/playgroundServer.js';

const run = promisify(execFile);

/** Runs a CommonJS snippet in a fresh Node with the given preloads; resolves with its stdout. */
async function node(
  preloads: string[],
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const args = [...preloads.flatMap((p) => ['--import', p]), '--input-type=commonjs', '-e', script];
  const { stdout } = await run(process.execPath, args, {
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return stdout;
}

describe('offline Playground: the guard, the loopback preload, the config and the locale relay', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssp-offline-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the guard refuses and logs off-machine connections and lookups, and lets loopback through', async () => {
    const log = join(dir, 'guard.log');
    const script = `
      const net = require('node:net'), dns = require('node:dns'), http = require('node:http');
      const outcome = (p) => p.then(() => 'passed', (e) => e.code || e.cause?.code || e.message);
      const tcp = (host, port) => new Promise((ok, ko) =>
        net.connect(port, host).once('connect', function () { this.destroy(); ok(); }).once('error', ko));
      (async () => {
        const server = http.createServer((q, s) => s.end('here')).listen(0, '127.0.0.1');
        await new Promise((r) => server.once('listening', r));
        const local = await (await fetch('http://127.0.0.1:' + server.address().port)).text();
        const results = {
          azureMetadata: await outcome(tcp('169.254.169.254', 80)),
          ingestion: await outcome(dns.promises.lookup('dc.services.visualstudio.com')),
          callbackLookup: await outcome(new Promise((ok, ko) => dns.lookup('example.com', (e) => e ? ko(e) : ok()))),
          fetchOut: await outcome(fetch('https://westus-0.in.applicationinsights.azure.com/')),
          local,
        };
        server.close();
        console.log(JSON.stringify(results));
      })();`;
    const out = await node([PRELOADS.offlineGuard], script, {
      OFFLINE_GUARD_PRELOAD: '1',
      OFFLINE_GUARD_LOG: log,
    });
    expect(JSON.parse(out)).to.deep.equal({
      azureMetadata: 'ECONNREFUSED',
      ingestion: 'ENOTFOUND',
      callbackLookup: 'ENOTFOUND',
      fetchOut: 'ECONNREFUSED',
      local: 'here',
    });
    const refused = readFileSync(log, 'utf8');
    for (const what of [
      'tcp 169.254.169.254:80',
      'dns dc.services.visualstudio.com',
      'dns example.com',
      'tcp westus-0.in.applicationinsights.azure.com:443',
    ])
      expect(refused).to.include(`offline guard refused ${what}`);
  });

  it('the loopback preload confines servers that ask for every interface to 127.0.0.1', async () => {
    const script = `
      const http = require('node:http');
      const ask = (...args) => new Promise((ok) => { const s = http.createServer(); s.listen(...args, () => { const a = s.address(); s.close(); ok(a.address); }); });
      (async () => console.log(JSON.stringify([await ask(0), await ask(0, '0.0.0.0'), await ask({ port: 0 }), await ask(0, '::')])))();`;
    expect(JSON.parse(await node([PRELOADS.listenOnLoopback], script))).to.deep.equal([
      '127.0.0.1',
      '127.0.0.1',
      '127.0.0.1',
      '127.0.0.1',
    ]);
  });

  const seed = readSeed('data/directory.json');
  const cases = [
    { who: 'alice', is: 'Alice Anderson (alice@contoso.com), user in Contoso' },
    { who: 'bob', is: 'Bob Brown (bob@contoso.com), user in Contoso' },
    { who: 'carol', is: 'Carol Clark (carol@contoso.com), Global admin in Contoso' },
    { who: 'erin', is: 'Erin Evans (erin@contoso.com), Global reader in Contoso' },
    {
      who: 'judy',
      is: 'Judy Jones (Humongous) (judy_humongous.org#EXT#@contoso.onmicrosoft.com), guest in Contoso',
    },
    { who: 'JOÃO', is: 'João Silva (joao@northwind.com.br), user in Northwind Traders Brasil' },
  ];
  for (const { who, is } of cases) {
    it(`--as ${who}: the config names ${is.split(' (')[0]} with the seed's tenant and object ids, and 5 others`, () => {
      const person = findPerson(seed, who);
      expect(person && describePerson(person)).to.equal(is);
      const config = playgroundConfig(person!) as {
        tenantId: string;
        currentUser: { aadObjectId: string; name: string };
        users: { id: string; aadObjectId: string }[];
      };
      expect(config.tenantId).to.equal(person!.tenant.id);
      expect(config.currentUser.aadObjectId).to.equal(person!.user.id);
      expect(config.users).to.have.length(5);
      const ids = [config.currentUser, ...config.users].map((u) => u.aadObjectId);
      expect(new Set(ids).size).to.equal(6);
      // Colleagues come from the same tenant; a small tenant is filled up with stand-ins who are in no tenant.
      const everyone = new Set(seed.tenants.flatMap((t) => t.users.map((u) => u.id)));
      const own = new Set(person!.tenant.users.map((u) => u.id));
      for (const id of ids) expect(own.has(id) || !everyone.has(id), id).to.equal(true);
    });
  }

  it('an unknown name is nobody', () => {
    expect(findPerson(seed, 'zelda')).to.equal(undefined);
  });

  it('the locale relay gives every activity the client language and passes the answer back', async () => {
    const received: unknown[] = [];
    const bot = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 200, body: { answered: req.url } }));
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    const address = bot.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const relay = await startLocaleRelay(`http://127.0.0.1:${port}/api/messages`, 'sv-SE');
    try {
      const response = await fetch(relay.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'köp 3 Power BI Pro',
          locale: 'en-US',
          entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US' }, { type: 'mention' }],
        }),
      });
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({
        status: 200,
        body: { answered: '/api/messages' },
      });
      expect(received).to.deep.equal([
        {
          type: 'message',
          text: 'köp 3 Power BI Pro',
          locale: 'sv-SE',
          entities: [{ type: 'clientInfo', locale: 'sv-SE', country: 'US' }, { type: 'mention' }],
        },
      ]);
    } finally {
      await relay.stop();
      await new Promise<void>((resolve) => bot.close(() => resolve()));
    }
  });
});
